import { describe, expect, it } from 'vitest'
import { createSuggester, type Suggester } from '../../../src/main/core/suggest/suggester'
import type { SuggestCase } from '../../../src/main/core/suggest/types'

const PHISH = (i: number, commands: string[], handledBy = 'ana'): SuggestCase => ({
  id: `phish-${i}`,
  text: `Phishing email reported by user ${i}: suspicious link to a credential page`,
  source: 'phishing',
  commands,
  handledBy
})
const EC2 = (i: number, commands: string[], handledBy = 'bo'): SuggestCase => ({
  id: `ec2-${i}`,
  text: `GuardDuty finding: EC2 instance i-0${i} talking to a crypto mining pool`,
  source: 'guardduty',
  commands,
  handledBy
})

function seeded(): Suggester {
  const s = createSuggester()
  s.addCase(PHISH(1, ['ioc extract', 'vt url', 'whois']))
  s.addCase(PHISH(2, ['ioc extract', 'vt url', 'vt domain']))
  s.addCase(PHISH(3, ['ioc extract', 'vt url', 'whois'], 'cy'))
  s.addCase(EC2(1, ['ec2 show', 'ec2 cpu', 'vtip', 'ec2 isolate']))
  s.addCase(EC2(2, ['ec2 show', 'vtip', 'ec2 isolate']))
  s.addCase(EC2(3, ['ec2 show', 'ec2 cpu', 'ec2 isolate']))
  return s
}

const commands = (xs: { command: string }[]): string[] => xs.map((x) => x.command)

describe('createSuggester: next', () => {
  it('suggests the first step of similar incidents, with a reason in words', () => {
    const s = seeded()
    const [top] = s.next({ text: 'GuardDuty: EC2 instance contacting mining pool', source: 'guardduty', history: [], k: 3 })
    expect(top?.command).toBe('ec2 show')
    expect(top?.reason).toMatch(/^ran first in 3 of 3 similar guardduty incidents$/)
    expect(top?.support).toBe(3)
  })

  it('follows the flow: after ioc extract and vt url comes whois', () => {
    const s = seeded()
    const out = s.next({ text: 'user reported a phishing email', history: ['ioc extract', 'vt url'], k: 3 })
    expect(commands(out)[0]).toBe('whois')
    expect(out[0]?.reason).toContain('after vt url')
    expect(out[0]?.reason).toMatch(/2 of 3 similar incidents/)
    expect(commands(out)).toContain('vt domain')
    expect(out[0]?.score).toBeGreaterThan(out[1]?.score ?? 1)
  })

  it('explains transitions when text matches nothing', () => {
    const s = seeded()
    const out = s.next({ text: 'zzz', history: ['ec2 cpu'], k: 2 })
    expect(out[0]?.command).toBe('ec2 isolate')
    expect(out[0]?.reason).toBe('often follows ec2 cpu (50%)')
  })

  it('offers a command run here before when analysts repeat commands, even one no past case knows, but not one known never to repeat', () => {
    const s = seeded()
    const margin = (): number => {
      const out = s.next({ text: 'zzz', history: ['custom lookup'], k: 2 })
      return (out[0]?.command === 'custom lookup' ? 1 : -1) * ((out[0]?.score ?? 0) - (out[1]?.score ?? 0))
    }
    const before = margin()
    s.addCase({ id: 'r1', text: 'many ips', commands: ['vtip', 'vtip', 'vtip', 'whois', 'whois'] })
    s.addCase({ id: 'r2', text: 'many urls', commands: ['vt url', 'vt url', 'vt url'] })
    expect(margin()).toBeGreaterThan(before)
    const out = s.next({ text: 'zzz', history: ['custom lookup'], k: 5 })
    expect(out[0]?.command).toBe('custom lookup')
    expect(out[0]?.reason).toBe('already run once here; analysts often repeat it')
    expect(out[0]?.support).toBe(1)
    const afterCpu = s.next({ text: 'zzz', history: ['ec2 show', 'ec2 cpu'], k: 5 })
    expect(commands(afterCpu).indexOf('ec2 cpu')).toBeGreaterThan(0)
  })

  it('returns nothing for k = 0 and ranks from an empty engine without throwing', () => {
    expect(seeded().next({ text: 'x', history: [], k: 0 })).toEqual([])
    expect(createSuggester().next({ text: 'phishing', history: [], k: 3 })).toEqual([])
  })

  it('does not let the open incident vote for itself', () => {
    const s = seeded()
    s.addCase({ id: 'open', text: 'Phishing email with link', commands: ['ioc extract', 'b64 decode'] })
    const q = { text: 'Phishing email with link', history: ['ioc extract'], k: 1 }
    expect(s.next(q)[0]?.reason).toBe('ran next after ioc extract in 3 of 4 similar incidents')
    expect(s.next({ ...q, caseId: 'open' })[0]?.reason).toBe('ran next after ioc extract in 3 of 3 similar incidents')
    expect(s.similar({ text: q.text, k: 5, caseId: 'open' }).map((x) => x.id)).not.toContain('open')
  })
})

describe('createSuggester: incremental updates', () => {
  it('appending, updating and removing cases gives what a fresh build gives', () => {
    const grown = seeded()
    grown.addCase(PHISH(9, ['ioc extract']))
    grown.appendCommand('phish-9', 'vt url')
    grown.updateCase(PHISH(9, ['ioc extract', 'vt url', 'vt domain']))
    grown.updateCase(EC2(2, ['ec2 show', 'whois']))
    grown.addCase(EC2(7, ['whois']))
    expect(grown.removeCase('ec2-7')).toBe(true)
    expect(grown.removeCase('ec2-7')).toBe(false)

    const fresh = createSuggester()
    for (const c of [
      PHISH(1, ['ioc extract', 'vt url', 'whois']),
      PHISH(2, ['ioc extract', 'vt url', 'vt domain']),
      PHISH(3, ['ioc extract', 'vt url', 'whois'], 'cy'),
      EC2(1, ['ec2 show', 'ec2 cpu', 'vtip', 'ec2 isolate']),
      EC2(2, ['ec2 show', 'whois']),
      EC2(3, ['ec2 show', 'ec2 cpu', 'ec2 isolate']),
      PHISH(9, ['ioc extract', 'vt url', 'vt domain'])
    ])
      fresh.addCase(c)

    expect(grown.size).toBe(fresh.size)
    for (const q of [
      { text: 'phishing link', history: ['ioc extract', 'vt url'], k: 5 },
      { text: 'EC2 mining', history: ['ec2 show'], k: 5 },
      { text: 'nothing alike', history: [], k: 5 }
    ]) {
      expect(grown.next(q)).toEqual(fresh.next(q))
    }
  })

  it('an appended command immediately changes what follows', () => {
    const s = seeded()
    const before = s.next({ text: 'zzz', history: ['whois'], k: 3 })
    expect(commands(before)).not.toContain('defang')
    s.addCase({ id: 'n1', text: 'new', commands: ['whois'] })
    s.appendCommand('n1', 'defang')
    s.appendCommand('n1', 'defang')
    expect(s.next({ text: 'zzz', history: ['whois'], k: 1 })[0]?.command).toBe('defang')
  })
})

describe('createSuggester: flow, similar, experts', () => {
  it('gives the typical flow of similar cases in order, ticking what was done', () => {
    const s = seeded()
    const flow = s.flow({ text: 'EC2 instance mining pool GuardDuty', history: ['ec2 show', 'ec2 cpu'] })
    expect(flow.steps).toEqual([
      { command: 'ec2 show', done: true },
      { command: 'ec2 cpu', done: true },
      { command: 'vtip', done: false },
      { command: 'ec2 isolate', done: false }
    ])
    expect(flow.basedOn.sort()).toEqual(['ec2-1', 'ec2-2', 'ec2-3'])
  })

  it('falls back to the most likely chain when no case is similar', () => {
    const flow = seeded().flow({ text: 'qqq', history: ['ioc extract'] })
    expect(flow.basedOn).toEqual([])
    expect(flow.steps[0]).toEqual({ command: 'ioc extract', done: true })
    expect(flow.steps[1]).toEqual({ command: 'vt url', done: false })
  })

  it('finds similar cases and who handled most of them', () => {
    const s = seeded()
    const similar = s.similar({ text: 'phishing email credential link', k: 3 })
    expect(similar.map((x) => x.id).sort()).toEqual(['phish-1', 'phish-2', 'phish-3'])
    expect(s.experts(similar.map((x) => x.id))).toEqual([
      { analyst: 'ana', cases: 2 },
      { analyst: 'cy', cases: 1 }
    ])
    expect(s.experts(['unknown-id'])).toEqual([])
  })
})
