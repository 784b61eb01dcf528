/**
 * The experimental learned blend as an evaluation model (eval-suggest only; the app ships the
 * mixture in mixture.ts, which measured as well or better: see the README table).
 */
import { NEUTRAL_WEIGHTS, weightRecord, weightVector, type BlendWeights } from './blend'
import { scoreCandidates } from './blend-scoring'
import { CaseStore } from './case-store'
import type { Trainer } from './evaluate'
import { BLEND_TUNING, FEATURES, type BlendTuning } from './features'
import { fitBlend } from './fit-blend'

export interface BlendTrainerOptions {
  tuning?: Partial<BlendTuning>
  /** Fit the weights on the training flows (inner folds, grouped); else the neutral weights. */
  fit?: boolean
  /** Called with the weights fitted on each training set. */
  onFit?: (w: BlendWeights) => void
}

export function blendTrainer(opts: BlendTrainerOptions = {}): Trainer {
  return (train) => {
    const tuning = { ...BLEND_TUNING, ...opts.tuning }
    let weights: BlendWeights = NEUTRAL_WEIGHTS
    if (opts.fit !== false) {
      weights = weightRecord(fitBlend(train, tuning).weights)
      opts.onFit?.(weights)
    }
    const w = weightVector(weights)
    for (const f of tuning.disabled) w[FEATURES.indexOf(f)] = 0
    const store = new CaseStore({ sequenceIndexes: true })
    for (const f of train) store.upsert({ id: f.id, text: f.text, commands: [...f.commands], ...(f.tags ? { tags: f.tags } : {}) })
    return { predict: (text, history, k) => scoreCandidates(store, undefined, { text, history }, tuning, w).ranked.slice(0, k).map((s) => s.command) }
  }
}
