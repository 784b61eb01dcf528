import type { Trainer } from './evaluate'
import { weightRecord, type BlendWeights } from './blend'
import { fitBlend } from './fit-blend'
import { createSuggester } from './suggester'
import { DEFAULT_TUNING, type SuggestTuning } from './tuning'

export interface EngineTrainerOptions {
  tuning?: Partial<SuggestTuning>
  /** Fit the blend on the training flows (inner folds); else use these or the neutral weights. */
  fit?: boolean
  weights?: Partial<BlendWeights>
  /** Called with the weights fitted on each training set. */
  onFit?: (w: BlendWeights) => void
}

/** Wraps the engine as an evaluation model: every training flow becomes a past case. */
export function engineTrainer(opts: EngineTrainerOptions = {}): Trainer {
  return (train) => {
    const tuning = { ...DEFAULT_TUNING, ...opts.tuning }
    let weights = opts.weights
    if (opts.fit !== false && !weights) {
      const fitted = weightRecord(fitBlend(train, tuning).weights)
      opts.onFit?.(fitted)
      weights = fitted
    }
    const s = createSuggester({ tuning, ...(weights ? { weights } : {}) })
    for (const f of train) s.addCase({ id: f.id, text: f.text, commands: f.commands, ...(f.tags ? { tags: f.tags } : {}) })
    return { predict: (text, history, k) => s.next({ text, history: [...history], k }).map((x) => x.command) }
  }
}
