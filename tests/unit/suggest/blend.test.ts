import { describe, expect, it } from 'vitest'
import { fitWeights, softmax, weightVector } from '../../../src/main/core/suggest/blend'
import { BLEND_TUNING, FEATURE_COUNT, FEATURES } from '../../../src/main/core/suggest/features'
import { blendExamples, fitBlend } from '../../../src/main/core/suggest/fit-blend'

describe('blend', () => {
  it('learns to trust the feature that predicts the target, and leaves disabled features at 0', () => {
    const at = (f: string): number => FEATURES.indexOf(f as (typeof FEATURES)[number])
    const examples = Array.from({ length: 40 }, (_, k) => {
      const rows = new Float64Array(3 * FEATURE_COUNT)
      const target = k % 3
      rows[target * FEATURE_COUNT + at('inHistory')] = 1
      rows[((target + 1) % 3) * FEATURE_COUNT + at('isLast')] = 1
      return { rows, n: 3, target }
    })
    const w = fitWeights(examples, { start: new Float64Array(FEATURE_COUNT), disabled: ['recency'] })
    expect(w[at('inHistory')]).toBeGreaterThan(1)
    expect(w[at('isLast')]).toBeLessThan(0)
    expect(w[at('recency')]).toBe(0)
    const p = softmax(examples[0]?.rows ?? new Float64Array(), 3, w)
    expect(p[0]).toBeGreaterThan(0.8)
    expect(weightVector({ inHistory: 2 })[at('inHistory')]).toBe(2)
  })

  it('builds examples only from held-out folds: a flow never predicts itself', () => {
    // Every flow is unique: its commands exist in no other flow, so nothing held out is covered.
    const flows = Array.from({ length: 8 }, (_, i) => ({ id: `f${i}`, group: `g${i}`, text: `t${i}`, commands: [`x${i}`, `y${i}`, `z${i}`] }))
    const { examples, uncovered } = blendExamples(flows, BLEND_TUNING)
    expect(examples).toHaveLength(0)
    expect(uncovered).toBe(16)
    const shared = flows.map((f) => ({ ...f, commands: ['a', 'b', 'c'] }))
    const fit = fitBlend(shared, BLEND_TUNING)
    expect(fit.examples).toBe(16)
  })
})
