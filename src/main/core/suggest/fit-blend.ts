/**
 * Fits the blend without ever looking at the flows it will be judged on: the training flows are
 * cut into folds (whole groups per fold), each fold's flows are predicted by a store built from
 * the other folds, and those predictions are the examples the weights are fitted to.
 */
import { fitWeights, type BlendExample } from './blend'
import { CaseStore } from './case-store'
import { seededRandom } from './evaluate'
import { candidateRows, FEATURE_COUNT, type BlendTuning } from './features'

export interface FitFlow {
  id: string
  /** Flows of one group (a pack, a team) stay in one fold. */
  group: string
  text: string
  commands: readonly string[]
}

export interface FitReport {
  weights: Float64Array
  examples: number
  /** Positions whose next command no candidate covered (nothing to learn from them). */
  uncovered: number
}

/** Held-out examples: every position i >= 1 of every flow, predicted from the other folds. */
export function blendExamples(flows: readonly FitFlow[], tuning: BlendTuning, folds = 4, seed = 0, maxExamples = 2500): { examples: BlendExample[]; uncovered: number } {
  const random = seededRandom(seed + 7919)
  const groups = [...new Set(flows.map((f) => f.group))].sort()
  const foldOf = new Map<string, number>()
  for (let i = groups.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[groups[i], groups[j]] = [groups[j] as string, groups[i] as string]
  }
  groups.forEach((g, i) => foldOf.set(g, i % folds))
  const positions = flows.reduce((s, f) => s + Math.max(0, f.commands.length - 1), 0)
  const keep = Math.min(1, maxExamples / Math.max(1, positions))
  const examples: BlendExample[] = []
  let uncovered = 0
  for (let fold = 0; fold < folds; fold++) {
    const store = new CaseStore({ sequenceIndexes: true })
    for (const f of flows) if (foldOf.get(f.group) !== fold) store.upsert({ id: f.id, text: f.text, commands: [...f.commands] })
    if (store.size === 0) continue
    for (const f of flows) {
      if (foldOf.get(f.group) !== fold) continue
      for (let i = 1; i < f.commands.length; i++) {
        if (keep < 1 && random() > keep) continue
        const { commands, rows } = candidateRows(store, undefined, { text: f.text, history: f.commands.slice(0, i) }, tuning)
        const target = commands.indexOf(f.commands[i] as string)
        if (target < 0) {
          uncovered++
          continue
        }
        examples.push({ rows: rows.slice(0, commands.length * FEATURE_COUNT), n: commands.length, target })
      }
    }
  }
  return { examples, uncovered }
}

export function fitBlend(flows: readonly FitFlow[], tuning: BlendTuning, seed = 0): FitReport {
  const { examples, uncovered } = blendExamples(flows, tuning, 4, seed)
  return { weights: fitWeights(examples, { disabled: tuning.disabled }), examples: examples.length, uncovered }
}
