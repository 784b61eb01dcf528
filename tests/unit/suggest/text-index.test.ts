import { describe, expect, it } from 'vitest'
import { TextIndex, topK } from '../../../src/main/core/suggest/text-index'
import { tokenize } from '../../../src/main/core/suggest/tokenize'

describe('tokenize', () => {
  it('splits camelCase and kebab-case, lower-cases, drops stop words, numbers and plurals', () => {
    expect(tokenize('Detonate Files via the ANYRUN sandbox')).toEqual(['detonate', 'file', 'anyrun', 'sandbox'])
    expect(tokenize('extractIndicators ec2-describe-instances 443 a')).toEqual(['extract', 'indicator', 'ec2', 'describe', 'instance'])
    expect(tokenize('Phishing phishing   PHISHING')).toEqual(['phishing', 'phishing', 'phishing'])
  })
})

describe('TextIndex (BM25)', () => {
  const build = (): TextIndex => {
    const index = new TextIndex()
    index.set('phish-1', 'Phishing email with malicious link reported by user')
    index.set('phish-2', 'User reported phishing mail, credential harvesting page')
    index.set('ec2-1', 'GuardDuty: EC2 instance communicating with crypto mining pool')
    index.set('ec2-2', 'GuardDuty: unusual outbound traffic from EC2 instance')
    index.set('misc', 'Password reset request for user')
    return index
  }

  it('ranks documents sharing rare query words first, scores in (0, 1]', () => {
    const hits = build().query('phishing link in an email', 3)
    expect(hits[0]?.id).toBe('phish-1')
    expect(hits.map((h) => h.id)).toContain('phish-2')
    for (const h of hits) expect(h.score).toBeGreaterThan(0)
    for (const h of hits) expect(h.score).toBeLessThanOrEqual(1)
  })

  it('gives rarer words more weight than common ones', () => {
    const index = build()
    expect(index.idf('mining')).toBeGreaterThan(index.idf('user'))
    expect(index.idf('never-seen')).toBeGreaterThan(index.idf('mining'))
  })

  it('forgets removed documents and re-indexes replaced text', () => {
    const index = build()
    index.remove('phish-1')
    expect(index.query('phishing link', 5).map((h) => h.id)).not.toContain('phish-1')
    index.set('misc', 'phishing link clicked')
    expect(index.query('phishing link', 1)[0]?.id).toBe('misc')
    expect(index.size).toBe(4)
    expect(index.query('password reset', 5)).toEqual([])
  })

  it('honours exclusions and k', () => {
    const index = build()
    const hits = index.query('guardduty ec2 instance', 1, new Set(['ec2-1']))
    expect(hits).toHaveLength(1)
    expect(hits[0]?.id).toBe('ec2-2')
  })

  it('reuses freed slots and keeps ranking by score, ties by id, after many changes', () => {
    const index = new TextIndex()
    for (let i = 0; i < 200; i++) index.set(`d${i}`, i % 2 === 0 ? 'lateral movement smb' : `noise word${i}`)
    for (let i = 0; i < 200; i += 4) index.remove(`d${i}`)
    index.set('best', 'lateral movement smb lateral movement')
    const hits = index.query('lateral movement', 5)
    expect(hits[0]?.id).toBe('best')
    // The rest tie: the lowest ids among the documents still indexed.
    expect(hits.slice(1).map((h) => h.id)).toEqual(['d10', 'd102', 'd106', 'd110'])
    expect(index.size).toBe(151)
  })

  it('topK keeps the k best in order with a stable tie-break', () => {
    const scores = new Map([
      ['b', 2],
      ['a', 2],
      ['c', 5],
      ['d', 1],
      ['z', 0]
    ])
    expect(topK(scores, 3)).toEqual([
      { id: 'c', score: 5 },
      { id: 'a', score: 2 },
      { id: 'b', score: 2 }
    ])
  })
})
