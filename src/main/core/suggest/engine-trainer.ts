import type { Trainer } from './evaluate'
import { createSuggester } from './suggester'
import type { SuggestTuning } from './tuning'

/** Wraps the engine as an evaluation model: every training flow becomes a past case. */
export function engineTrainer(tuning: Partial<SuggestTuning> = {}): Trainer {
  return (train) => {
    const s = createSuggester({ tuning })
    for (const f of train) s.addCase({ id: f.id, text: f.text, commands: f.commands, ...(f.tags ? { tags: f.tags } : {}) })
    return { predict: (text, history, k) => s.next({ text, history: [...history], k }).map((x) => x.command) }
  }
}
