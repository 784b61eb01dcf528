/** Mixture weights and knobs of the engine; defaults measured with scripts/eval-suggest.ts. */
export interface SuggestTuning {
  /** How many similar cases vote. */
  neighbours: number
  /** Neighbours below this similarity do not vote. */
  minSimilarity: number
  /** Interpolated command n-gram over all local cases. */
  ngram: number
  /** Similar cases' "what came next after the same command". */
  next: number
  /** Similar cases' commands, wherever they ran. */
  bag: number
  /** Commands already run in this incident, recent first, scaled by how often each command repeats. */
  cache: number
  cacheDecay: number
  /** Score multiplier for commands already run here (1 = no penalty, 0 = never re-suggest). */
  repeatFactor: number
  /** When the last command is unknown to every past case, condition on the last known one instead. */
  skipUnknown: boolean
  /** Public-playbook prior; fades as local cases accumulate. */
  prior: number
  /** Local case count at which the prior's weight has halved. */
  priorHalfLife: number
}

export const DEFAULT_TUNING: SuggestTuning = {
  neighbours: 20,
  minSimilarity: 0.3,
  ngram: 1,
  next: 1,
  bag: 0.2,
  cache: 2,
  cacheDecay: 0.5,
  repeatFactor: 1,
  skipUnknown: false,
  prior: 0.5,
  priorHalfLife: 30
}
