import { describe, expect, it } from 'vitest'
import { familyOf, FlowStats } from '../../../src/main/core/suggest/flow-stats'
import { fitRanker, scoreRows, type RankGroup } from '../../../src/main/core/suggest/gbdt'
import { ltrExamples } from '../../../src/main/core/suggest/ltr-trainer'
import { seededRandom } from '../../../src/main/core/suggest/evaluate'

describe('boosted ranking trees', () => {
  it('learn an interaction no weighted sum can express (which mark wins depends on the query)', () => {
    const random = seededRandom(3)
    // Candidates carry marks a and b; a query-wide flag says which single mark the answer has.
    // A weighted sum adds the flag to every candidate alike, so it picks the same row either way (50%).
    const make = (): RankGroup => {
      const marks = [
        [0, 0],
        [1, 1],
        [1, 0],
        [0, 1]
      ]
      const flag = random() < 0.5 ? 1 : 0
      const rows = new Float64Array(4 * 3)
      marks.forEach(([a, b], i) => {
        rows[i * 3] = a as number
        rows[i * 3 + 1] = b as number
        rows[i * 3 + 2] = flag
      })
      return { rows, n: 4, target: flag === 1 ? 2 : 3 }
    }
    const train = Array.from({ length: 200 }, make)
    const trees = fitRanker(train, 3, { rounds: 30, depth: 2 })
    let right = 0
    const test = Array.from({ length: 100 }, make)
    for (const g of test) {
      const s = scoreRows(trees, g.rows, g.n, 3)
      const best = [...s].indexOf(Math.max(...s))
      if (best === g.target) right++
    }
    expect(right).toBe(100)
    expect(fitRanker([], 3)).toEqual([])
  })
})

describe('flow statistics', () => {
  it('name integration families, typical positions and what followed the same start', () => {
    expect(familyOf('anyrun-run-analysis')).toBe('anyrun')
    expect(familyOf('setIncident')).toBe('')
    const stats = new FlowStats([
      { text: 'Detonate file in ANYRUN', commands: ['anyrun-run-analysis', 'anyrun-get-report', 'closeInvestigation'] },
      { text: 'Detonate URL in ANYRUN', commands: ['anyrun-run-analysis', 'Set', 'anyrun-get-report', 'closeInvestigation'] },
      { text: 'Block IP', commands: ['Set', 'closeInvestigation'] }
    ])
    expect(stats.position('closeInvestigation')).toMatchObject({ rel: 1, lastRate: 1 })
    expect(stats.position('anyrun-run-analysis').rel).toBe(0)
    expect(stats.family('anyrun-get-report').size).toBe(2)
    expect(stats.familyMembers(['anyrun-run-analysis'], 10).sort()).toEqual(['anyrun-get-report', 'anyrun-run-analysis'])
    expect([...(stats.exactPrefix(['anyrun-run-analysis']) ?? [])]).toEqual([
      ['anyrun-get-report', 1],
      ['Set', 1]
    ])
    expect(stats.exactPrefix(['nothing'])).toBeUndefined()
    expect(stats.wordEvidence(['anyrun'], 'anyrun-get-report').max).toBeGreaterThan(stats.wordEvidence(['anyrun'], 'Set').max)
  })
})

describe('ranking examples', () => {
  it('come only from held-out folds: a flow never predicts itself', () => {
    const flows = Array.from({ length: 8 }, (_, i) => ({ id: `f${i}`, group: `g${i}`, text: `t${i}`, commands: [`x${i}`, `y${i}`, `z${i}`] }))
    for (const foldBy of ['group', 'flow'] as const) {
      const { groups, uncovered } = ltrExamples(flows, { foldBy })
      expect(groups).toHaveLength(0)
      expect(uncovered).toBe(16)
    }
    const shared = flows.map((f) => ({ ...f, commands: ['a', 'b', 'c'] }))
    const { groups } = ltrExamples(shared, { foldBy: 'flow', negatives: 2 })
    expect(groups).toHaveLength(16)
    for (const g of groups) expect(g.n).toBeLessThanOrEqual(3)
  })
})
