import { describe, expect, it } from 'vitest'
import { NgramModel } from '../../../src/main/core/suggest/ngram'

const FLOWS = [
  ['ioc extract', 'vtip', 'whois'],
  ['ioc extract', 'vtip', 'vt url'],
  ['ioc extract', 'vt hash'],
  ['ec2 show', 'ec2 cpu', 'ec2 isolate'],
  ['ec2 show', 'vtip', 'whois']
]
const VOCAB = [...new Set(FLOWS.flat())]

function build(): NgramModel {
  const m = new NgramModel(3)
  for (const f of FLOWS) m.addFlow(f)
  return m
}

describe('NgramModel (Witten-Bell interpolation)', () => {
  it('gives a proper distribution over the vocabulary whatever the context', () => {
    const m = build()
    for (const history of [[], ['ioc extract'], ['ioc extract', 'vtip'], ['never seen'], ['ec2 show', 'vtip']]) {
      const p = m.probabilities(history, [...VOCAB, '<unseen>'])
      const sum = [...p.values()].reduce((a, b) => a + b, 0)
      expect(sum).toBeGreaterThan(0.97)
      expect(sum).toBeLessThanOrEqual(1.0001)
    }
  })

  it('prefers what followed the longer context, and backs off when it is unknown', () => {
    const m = build()
    const afterExtractVtip = m.probabilities(['ioc extract', 'vtip'], VOCAB)
    const afterShowVtip = m.probabilities(['ec2 show', 'vtip'], VOCAB)
    // trigram: after "ec2 show, vtip" only whois followed; after "ioc extract, vtip" whois and vt url
    expect(afterShowVtip.get('whois')).toBeGreaterThan(afterExtractVtip.get('whois') ?? 1)
    expect(afterExtractVtip.get('vt url')).toBeGreaterThan(afterShowVtip.get('vt url') ?? 1)
    const first = m.probabilities([], VOCAB)
    expect(first.get('ioc extract')).toBeGreaterThan(first.get('ec2 show') ?? 1)
    const unknown = m.probabilities(['never seen'], VOCAB)
    expect(unknown.get('vtip')).toBeGreaterThan(unknown.get('ec2 isolate') ?? 1)
  })

  it('removing a flow is exactly undoing its addition', () => {
    const m = build()
    const before = m.probabilities(['ioc extract'], VOCAB)
    const extra = ['ioc extract', 'whois', 'vtip']
    m.addFlow(extra)
    expect(m.probabilities(['ioc extract'], VOCAB)).not.toEqual(before)
    m.addFlow(extra, -1)
    const after = m.probabilities(['ioc extract'], VOCAB)
    for (const c of VOCAB) expect(after.get(c)).toBeCloseTo(before.get(c) ?? -1, 12)
  })

  it('lists candidates from the contexts plus the most frequent overall', () => {
    const m = build()
    expect([...m.candidates(['ec2 show'], 1)].sort()).toEqual(['ec2 cpu', 'ioc extract', 'vtip'])
    expect([...m.candidates(['ec2 show'], 0)].sort()).toEqual(['ec2 cpu', 'vtip'])
    expect(m.mostFrequent(3)).toEqual(['ioc extract', 'vtip', 'ec2 show'])
    expect(m.followers(['ioc extract'], 1)?.total).toBe(3)
  })

  it('keeps two-command contexts apart beyond 32k distinct commands (wide context keys)', () => {
    const m = new NgramModel(3)
    // 40k one-command flows give ids past 2^15; then contexts that a narrow key would merge.
    for (let i = 0; i < 40_000; i++) m.addFlow([`c${i}`])
    m.addFlow(['c1', 'c32767', 'after-narrow'])
    m.addFlow(['c0', 'c39999', 'after-wide'])
    m.addFlow(['c2', 'c0', 'after-small'])
    expect([...(m.followers(['c0', 'c39999'], 2)?.next.keys() ?? [])]).toEqual(['after-wide'])
    expect([...(m.followers(['c1', 'c32767'], 2)?.next.keys() ?? [])]).toEqual(['after-narrow'])
    expect([...(m.followers(['c2', 'c0'], 2)?.next.keys() ?? [])]).toEqual(['after-small'])
  })
})
