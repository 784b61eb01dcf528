import { softmax } from './blend'
import type { CaseStore } from './case-store'
import { candidateRows, FEATURE_COUNT, FEATURES, type Feature, type FeatureInput } from './features'
import type { NgramModel } from './ngram'
import type { PrefixVotes } from './prefix-index'
import type { BlendTuning } from './features'
import type { Neighbour, Votes } from './votes'

/** Evidence sources a reason can name. */
export type Component = 'ngram' | 'prefix' | 'next' | 'bag' | 'assoc' | 'cache' | 'prior'

const COMPONENT_OF: Record<Feature, Component | undefined> = {
  ngram: 'ngram',
  unigram: 'ngram',
  prefix: 'prefix',
  prefixLength: 'prefix',
  prefixDeep: 'prefix',
  nameText: undefined,
  nameHistory: undefined,
  next: 'next',
  bag: 'bag',
  assoc: 'assoc',
  inHistory: 'cache',
  recency: 'cache',
  isLast: 'cache',
  selfFollow: 'cache',
  historyCount: 'cache',
  repeatRate: 'cache',
  unseen: undefined
}

export interface Scored {
  command: string
  score: number
  /** How much each source lifted this candidate above the average candidate (log-odds). */
  parts: Record<Component, number>
}

export interface MixtureResult {
  ranked: Scored[]
  votes: Votes
  prefix: PrefixVotes
  neighbours: Neighbour[]
}

const emptyParts = (): Record<Component, number> => ({ ngram: 0, prefix: 0, next: 0, bag: 0, assoc: 0, cache: 0, prior: 0 })

/**
 * The experimental learned blend (eval only, not shipped: see README). Scores candidates with it, then mixes in the public-playbook prior with a weight that
 * halves every `priorHalfLife` local cases (all of it when there is no local case yet).
 */
export function scoreCandidates(store: CaseStore, prior: NgramModel | undefined, input: FeatureInput, tuning: BlendTuning, weights: Float64Array): MixtureResult {
  const { commands, rows, votes, prefix, neighbours } = candidateRows(store, prior, input, tuning)
  const n = commands.length
  const p = softmax(rows, n, weights)
  const lambda = !prior ? 0 : store.size === 0 ? 1 : tuning.prior * (tuning.priorHalfLife / (tuning.priorHalfLife + store.size))
  const pPrior = lambda > 0 && prior ? prior.probabilities(input.history, commands) : undefined
  const means = new Float64Array(FEATURE_COUNT)
  for (let i = 0; i < n; i++) for (let f = 0; f < FEATURE_COUNT; f++) means[f] = (means[f] as number) + (rows[i * FEATURE_COUNT + f] as number) / n
  const alreadyRun = new Set(input.history)
  const ranked: Scored[] = commands.map((command, i) => {
    const parts = emptyParts()
    for (let f = 0; f < FEATURE_COUNT; f++) {
      const component = COMPONENT_OF[FEATURES[f] as Feature]
      if (component) parts[component] += (weights[f] as number) * ((rows[i * FEATURE_COUNT + f] as number) - (means[f] as number))
    }
    const fromPrior = lambda * (pPrior?.get(command) ?? 0)
    const fromBlend = (1 - lambda) * (p[i] as number)
    if (fromPrior > fromBlend) parts.prior = Infinity
    let score = fromBlend + fromPrior
    if (alreadyRun.has(command)) score *= tuning.repeatFactor
    return { command, score, parts }
  })
  ranked.sort((a, b) => b.score - a.score || (a.command < b.command ? -1 : 1))
  return { ranked, votes, prefix, neighbours }
}
