import type { Feature } from './features'

/** Knobs of the engine around the learned blend (blend.ts); none of them is fitted to a corpus. */
export interface SuggestTuning {
  /** How many similar cases vote. */
  neighbours: number
  /** Neighbours below this similarity do not vote. */
  minSimilarity: number
  /** Score multiplier for commands already run here (1 = no penalty, 0 = never re-suggest). */
  repeatFactor: number
  /** Public-playbook prior's share of the score with one local case; fades as local cases accrue. */
  prior: number
  /** Local case count at which the prior's weight has halved. */
  priorHalfLife: number
  /** Features switched off (for ablations): fitted and scored as if absent. */
  disabled: readonly Feature[]
}

export const DEFAULT_TUNING: SuggestTuning = {
  neighbours: 20,
  minSimilarity: 0.3,
  repeatFactor: 1,
  prior: 0.5,
  priorHalfLife: 30,
  disabled: []
}
