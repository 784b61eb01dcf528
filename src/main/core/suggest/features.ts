/**
 * What each evidence source says about each candidate next command, as a row of numbers the
 * blend weighs. Sources: the interpolated n-gram, prefix-state kNN, the votes of text-similar
 * cases, command association, and copy features over the incident's own history.
 */
import type { CaseStore } from './case-store'
import type { NgramModel } from './ngram'
import type { PrefixVotes } from './prefix-index'
import { findNeighbours } from './mixture'
import { tokenize } from './tokenize'
import { neighbourVotes, type Neighbour, type Votes } from './votes'

export const FEATURES = [
  'ngram',
  'prefix',
  'prefixLength',
  'prefixDeep',
  'nameText',
  'nameHistory',
  'next',
  'bag',
  'assoc',
  'unigram',
  'inHistory',
  'recency',
  'isLast',
  'selfFollow',
  'historyCount',
  'repeatRate',
  'unseen'
] as const
export type Feature = (typeof FEATURES)[number]
export const FEATURE_COUNT = FEATURES.length
const F = Object.fromEntries(FEATURES.map((f, i) => [f, i])) as Record<Feature, number>

export interface FeatureInput {
  text: string
  history: readonly string[]
  exclude?: ReadonlySet<string>
  /** More candidates to score (the ranking experiment's own sources). */
  extra?: readonly string[]
}

export interface CandidateRows {
  commands: string[]
  /** rows[i * FEATURE_COUNT + f]: feature f of candidate i. */
  rows: Float64Array
  votes: Votes
  prefix: PrefixVotes
  neighbours: Neighbour[]
}

/** Probabilities enter as logs with a floor, so "no evidence" is a finite penalty. */
const logp = (p: number): number => Math.log(p + 1e-3)

/** Knobs of the experimental blend (none fitted to a corpus). */
export interface BlendTuning {
  neighbours: number
  minSimilarity: number
  repeatFactor: number
  prior: number
  priorHalfLife: number
  /** Features switched off (ablations): fitted and scored as if absent. */
  disabled: readonly Feature[]
}

export const BLEND_TUNING: BlendTuning = { neighbours: 20, minSimilarity: 0.3, repeatFactor: 1, prior: 0.5, priorHalfLife: 30, disabled: [] }

/** Candidate commands with their feature rows. */
export function candidateRows(store: CaseStore, prior: NgramModel | undefined, input: FeatureInput, tuning: BlendTuning): CandidateRows {
  const { history } = input
  const neighbours = findNeighbours(store, input.text, tuning, input.exclude)
  const votes = neighbourVotes(neighbours, history)
  const prefix = store.prefixes.votes(history, input.exclude)
  const last = history[history.length - 1]

  // Copy features over the incident's own history.
  const lastAt = new Map<string, number>()
  const countIn = new Map<string, number>()
  const selfFollow = new Set<string>()
  history.forEach((c, i) => {
    lastAt.set(c, i)
    countIn.set(c, (countIn.get(c) ?? 0) + 1)
    if (i > 0 && history[i - 1] === last && i < history.length) selfFollow.add(c)
  })
  const recent = [...new Set([...history].reverse())].slice(0, 4)
  const queryWords = new Set(tokenize(input.text))
  const recentWords = recent.slice(0, 3).map((c) => store.wordsOf(c))

  const candidates = store.ngram.candidates(history, 10)
  for (const c of prefix.dist.keys()) candidates.add(c)
  for (const c of votes.next.keys()) candidates.add(c)
  for (const c of votes.bag.keys()) candidates.add(c)
  for (const c of history) candidates.add(c)
  for (const a of recent.slice(0, 2)) for (const c of store.assoc.followers(a, 8)) candidates.add(c)
  if (prior) for (const c of prior.candidates(history, 10)) candidates.add(c)
  for (const c of input.extra ?? []) candidates.add(c)
  // Commands named after words of the incident's text (an integration named in the title).
  for (const w of queryWords) {
    const named = store.byNameWord.get(w)
    if (named && named.size <= 12) for (const c of named) candidates.add(c)
  }

  const commands = [...candidates]
  const pNgram = store.ngram.probabilities(history, commands)
  const total = store.ngram.total
  const rows = new Float64Array(commands.length * FEATURE_COUNT)
  commands.forEach((c, i) => {
    const r = i * FEATURE_COUNT
    const seen = countIn.get(c) ?? 0
    let assoc = 0
    for (const a of recent) assoc = Math.max(assoc, store.assoc.probability(a, c))
    rows[r + F.ngram] = total > 0 ? logp(pNgram.get(c) ?? 0) : 0
    rows[r + F.prefix] = logp(prefix.dist.get(c) ?? 0)
    rows[r + F.prefixLength] = Math.min(prefix.longest.get(c) ?? 0, 6) / 6
    rows[r + F.prefixDeep] = logp(prefix.deep.get(c) ?? 0)
    const words = store.wordsOf(c)
    rows[r + F.nameText] = words.length === 0 ? 0 : words.filter((w) => queryWords.has(w)).length / words.length
    let nameHistory = 0
    for (const hw of recentWords) if (c !== last || hw !== recentWords[0]) nameHistory = Math.max(nameHistory, jaccard(words, hw))
    rows[r + F.nameHistory] = nameHistory
    rows[r + F.next] = logp(votes.next.get(c) ?? 0)
    rows[r + F.bag] = logp(votes.bag.get(c) ?? 0)
    rows[r + F.assoc] = logp(assoc)
    rows[r + F.unigram] = Math.log((store.ngram.count(c) + 0.5) / (total + 1))
    rows[r + F.inHistory] = seen > 0 ? 1 : 0
    rows[r + F.recency] = seen > 0 ? 1 / (history.length - (lastAt.get(c) ?? 0)) : 0
    rows[r + F.isLast] = c === last ? 1 : 0
    rows[r + F.selfFollow] = selfFollow.has(c) ? 1 : 0
    rows[r + F.historyCount] = Math.log1p(seen)
    rows[r + F.repeatRate] = seen > 0 ? store.repeatRate(c) : 0
    rows[r + F.unseen] = store.ngram.count(c) === 0 ? 1 : 0
  })
  return { commands, rows, votes, prefix, neighbours }
}

function jaccard(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0
  let both = 0
  for (const w of a) if (b.includes(w)) both++
  return both / (a.length + b.length - both)
}
