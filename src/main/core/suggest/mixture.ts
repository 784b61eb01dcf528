import type { CaseStore } from './case-store'
import type { NgramModel } from './ngram'
import type { SuggestTuning } from './tuning'
import { historyCache, neighbourVotes, type Neighbour, type Votes } from './votes'

export type Component = 'ngram' | 'next' | 'bag' | 'cache' | 'prior'

export interface Scored {
  command: string
  score: number
  /** Weighted contribution of each component to the score. */
  parts: Record<Component, number>
}

export interface MixtureInput {
  text: string
  history: readonly string[]
  exclude?: ReadonlySet<string>
}

export interface MixtureResult {
  ranked: Scored[]
  votes: Votes
  neighbours: Neighbour[]
}

export function findNeighbours(store: CaseStore, text: string, tuning: Pick<SuggestTuning, 'neighbours' | 'minSimilarity'>, exclude?: ReadonlySet<string>): Neighbour[] {
  const out: Neighbour[] = []
  for (const hit of store.index.query(text, tuning.neighbours, exclude)) {
    const c = store.get(hit.id)
    if (c && hit.score >= tuning.minSimilarity) out.push({ id: hit.id, score: hit.score, commands: c.commands })
  }
  return out
}

/**
 * The history as the models can use it: when the last command is one no past case
 * ran (a new integration), context falls back to the last command they know.
 */
function knownHistory(store: CaseStore, history: readonly string[]): readonly string[] {
  const last = history[history.length - 1]
  if (last === undefined || store.ngram.count(last) > 0) return history
  const known = history.filter((c) => store.ngram.count(c) > 0)
  return known
}

/** Linear mixture of the components over a candidate set; components with nothing to say drop out. */
export function scoreCandidates(store: CaseStore, prior: NgramModel | undefined, input: MixtureInput, tuning: SuggestTuning): MixtureResult {
  const { history } = input
  const known = tuning.skipUnknown ? knownHistory(store, history) : history
  const neighbours = findNeighbours(store, input.text, tuning, input.exclude)
  const votes = neighbourVotes(neighbours, known)
  const cache = historyCache(history, tuning.cacheDecay)
  const alreadyRun = new Set(history)

  const priorWeight = prior ? tuning.prior * (tuning.priorHalfLife / (tuning.priorHalfLife + store.size)) : 0
  const weights: Record<Component, number> = {
    ngram: store.ngram.total > 0 ? tuning.ngram : 0,
    next: votes.next.size > 0 ? tuning.next : 0,
    bag: votes.bag.size > 0 ? tuning.bag : 0,
    cache: cache.size > 0 ? tuning.cache : 0,
    prior: priorWeight
  }
  const totalWeight = Object.values(weights).reduce((a, b) => a + b, 0) || 1

  const candidates = store.ngram.candidates(known, 10)
  for (const c of votes.next.keys()) candidates.add(c)
  for (const c of votes.bag.keys()) candidates.add(c)
  for (const c of cache.keys()) candidates.add(c)
  if (prior && priorWeight > 0) for (const c of prior.candidates(history, 10)) candidates.add(c)

  const pNgram = store.ngram.probabilities(known, candidates)
  const pPrior = prior && priorWeight > 0 ? prior.probabilities(history, candidates) : undefined
  const ranked: Scored[] = []
  for (const command of candidates) {
    const parts: Record<Component, number> = {
      ngram: (weights.ngram * (pNgram.get(command) ?? 0)) / totalWeight,
      next: (weights.next * (votes.next.get(command) ?? 0)) / totalWeight,
      bag: (weights.bag * (votes.bag.get(command) ?? 0)) / totalWeight,
      cache: (weights.cache * (cache.get(command) ?? 0) * store.repeatRate(command)) / totalWeight,
      prior: (weights.prior * (pPrior?.get(command) ?? 0)) / totalWeight
    }
    let score = parts.ngram + parts.next + parts.bag + parts.cache + parts.prior
    if (alreadyRun.has(command)) score *= tuning.repeatFactor
    ranked.push({ command, score, parts })
  }
  ranked.sort((a, b) => b.score - a.score || (a.command < b.command ? -1 : 1))
  return { ranked, votes, neighbours }
}
