import type { CaseStore } from './case-store'
import type { Component, Scored } from './mixture'
import type { NgramModel } from './ngram'
import type { SuggestionKind } from './types'
import type { Votes } from './votes'

export interface ReasonContext {
  store: CaseStore
  prior: NgramModel | undefined
  votes: Votes
  history: readonly string[]
  /** Word for the kind of incident, e.g. "phishing" in "similar phishing incidents". */
  label?: string
}

const pct = (x: number): string => `${Math.round(x * 100)}%`

function mainComponent(s: Scored): Component {
  let best: Component = 'ngram'
  for (const k of Object.keys(s.parts) as Component[]) if (s.parts[k] > s.parts[best]) best = k
  return best
}

/** Explains a suggestion by the component that contributed most, with the count behind it. */
export interface Reason {
  reason: string
  support: number
  /** Which evidence the reason names: the kind acceptance is counted by. */
  kind: SuggestionKind
}

export function explain(s: Scored, ctx: ReasonContext): Reason {
  const last = ctx.history[ctx.history.length - 1]
  const similar = ctx.label ? `similar ${ctx.label} incidents` : 'similar incidents'
  switch (mainComponent(s)) {
    case 'next': {
      const ran = ctx.votes.nextCases.get(s.command) ?? 0
      const what = last === undefined ? 'ran first' : `ran next after ${last}`
      return { reason: `${what} in ${ran} of ${ctx.votes.contextCases} ${similar}`, support: ran, kind: 'similar-next' }
    }
    case 'bag': {
      const ran = ctx.votes.bagCases.get(s.command) ?? 0
      return { reason: `run in ${ran} ${similar}`, support: ran, kind: 'similar-any' }
    }
    case 'cache': {
      const times = ctx.history.filter((c) => c === s.command).length
      return { reason: `already run ${times === 1 ? 'once' : `${times} times`} here; analysts often repeat it`, support: times, kind: 'repeat' }
    }
    case 'prior':
      return transitionReason(s.command, ctx.prior, ctx.history, ' in public playbooks')
    case 'ngram':
      return transitionReason(s.command, ctx.store.ngram, ctx.history, '')
  }
}

function transitionReason(
  command: string,
  model: NgramModel | undefined,
  history: readonly string[],
  where: string
): Reason {
  const kind: SuggestionKind = where ? 'prior' : 'transition'
  const last = history[history.length - 1]
  const after = model?.followers(history, 1)
  const n = after?.next.get(command) ?? 0
  if (after && n > 0) {
    const share = pct(n / after.total)
    return last === undefined
      ? { reason: `a common first step${where} (${share} of flows)`, support: Math.round(n), kind }
      : { reason: `often follows ${last}${where} (${share})`, support: Math.round(n), kind }
  }
  const runs = Math.round(model?.count(command) ?? 0)
  const popular: SuggestionKind = where ? 'prior' : 'popular'
  if (runs === 0) return { reason: `a common step in investigations${where}; no local history for it yet`, support: 0, kind: popular }
  return { reason: `one of the most used commands${where} (${runs} ${runs === 1 ? 'run' : 'runs'} in past incidents)`, support: runs, kind: popular }
}
