import { CaseStore, caseText } from './case-store'
import { likelyChain, typicalFlow } from './flow'
import { findNeighbours, scoreCandidates } from './mixture'
import type { NgramModel } from './ngram'
import { priorModel, type SuggestPrior } from './prior'
import { explain } from './reasons'
import { DEFAULT_TUNING, type SuggestTuning } from './tuning'
import type { Expert, FlowResult, NextQuery, SimilarCase, SuggestCase, Suggestion } from './types'

export interface SuggesterOptions {
  tuning?: Partial<SuggestTuning>
  /** Cold-start knowledge (resources/suggest-prior.json); weighs less as local cases accrue. */
  prior?: SuggestPrior
}

export interface Suggester {
  addCase(c: SuggestCase): void
  /** Replaces a case; appending commands to a known case only adds the new transitions. */
  updateCase(c: SuggestCase): void
  /** Records one command run in an open case (cheapest way to grow a case). */
  appendCommand(id: string, command: string): void
  removeCase(id: string): boolean
  readonly size: number
  /** Next commands for an open incident. `caseId` keeps the incident from voting for itself. */
  next(q: NextQuery & { caseId?: string }): Suggestion[]
  flow(q: { text: string; source?: string; history: string[]; caseId?: string }): FlowResult
  similar(q: { text: string; source?: string; k: number; caseId?: string }): SimilarCase[]
  /** Who handled most of the given cases, most first. */
  experts(similarIds: readonly string[]): Expert[]
}

/** Lowest relative similarity listed in the sidebar's similar incidents. */
const SIMILAR_PANEL_MIN = 0.1

export function createSuggester(opts: SuggesterOptions = {}): Suggester {
  const tuning: SuggestTuning = { ...DEFAULT_TUNING, ...opts.tuning }
  const store = new CaseStore()
  const prior: NgramModel | undefined = opts.prior ? priorModel(opts.prior) : undefined
  const excludeOf = (id: string | undefined): Set<string> | undefined => (id === undefined ? undefined : new Set([id]))
  const queryText = (q: { text: string; source?: string }): string => caseText(q)

  return {
    addCase: (c) => store.upsert(c),
    updateCase: (c) => store.upsert(c),
    appendCommand(id, command) {
      if (!store.append(id, command)) store.upsert({ id, text: '', commands: [command] })
    },
    removeCase: (id) => store.remove(id),
    get size() {
      return store.size
    },

    next(q) {
      if (q.k <= 0) return []
      const input = { text: queryText(q), history: q.history, ...(q.caseId !== undefined ? { exclude: new Set([q.caseId]) } : {}) }
      const { ranked, votes } = scoreCandidates(store, prior, input, tuning)
      const label = q.source
      return ranked.slice(0, q.k).map((s) => {
        const { reason, support, kind } = explain(s, { store, prior, votes, history: q.history, ...(label ? { label } : {}) })
        return { command: s.command, score: s.score, reason, support, kind }
      })
    },

    flow(q) {
      const neighbours = findNeighbours(store, queryText(q), { ...tuning, neighbours: 5 }, excludeOf(q.caseId))
      if (neighbours.length > 0) return typicalFlow(neighbours, q.history)
      return likelyChain(store.size > 0 || !prior ? store.ngram : prior, q.history)
    },

    similar(q) {
      // The panel shows weaker matches too (with their score); only the votes keep the tuned threshold.
      return findNeighbours(store, queryText(q), { ...tuning, neighbours: q.k, minSimilarity: SIMILAR_PANEL_MIN }, excludeOf(q.caseId)).map(({ id, score }) => ({ id, score }))
    },

    experts(similarIds) {
      const counts = new Map<string, number>()
      for (const id of similarIds) {
        const who = store.get(id)?.handledBy
        if (who) counts.set(who, (counts.get(who) ?? 0) + 1)
      }
      return [...counts.entries()]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .map(([analyst, cases]) => ({ analyst, cases }))
    }
  }
}
