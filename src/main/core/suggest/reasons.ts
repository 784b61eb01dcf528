import type { CaseStore } from './case-store'
import type { Component, Scored } from './mixture'
import type { NgramModel } from './ngram'
import type { PrefixVotes } from './prefix-index'
import type { SuggestionKind } from './types'
import type { Votes } from './votes'

export interface ReasonContext {
  store: CaseStore
  prior: NgramModel | undefined
  votes: Votes
  prefix: PrefixVotes
  history: readonly string[]
  /** Word for the kind of incident, e.g. "phishing" in "similar phishing incidents". */
  label?: string
}

export interface Reason {
  reason: string
  support: number
  kind: SuggestionKind
}

const pct = (x: number): string => `${Math.round(x * 100)}%`
const times = (n: number): string => (n === 1 ? 'once' : `${n} times`)

/** Components whose evidence for this command is real, strongest lift first. */
function components(s: Scored, ctx: ReasonContext): Component[] {
  const has: Record<Component, boolean> = {
    prior: s.parts.prior === Infinity,
    next: (ctx.votes.nextCases.get(s.command) ?? 0) > 0,
    prefix: (ctx.prefix.flows.get(s.command) ?? 0) > 0,
    cache: ctx.history.includes(s.command),
    assoc: relatedTo(s.command, ctx) !== undefined,
    bag: (ctx.votes.bagCases.get(s.command) ?? 0) > 0,
    ngram: true
  }
  const order = (Object.keys(s.parts) as Component[]).filter((c) => has[c]).sort((a, b) => s.parts[b] - s.parts[a])
  // Similar incidents that ran it next say more than "past incidents after the same step".
  const at = order.indexOf('prefix')
  if (at >= 0 && has.next && s.parts.next > 0 && order.indexOf('next') > at) {
    order.splice(order.indexOf('next'), 1)
    order.splice(at, 0, 'next')
  }
  return order
}

function relatedTo(command: string, ctx: ReasonContext): { after: string; p: number } | undefined {
  let best: { after: string; p: number } | undefined
  for (const a of new Set(ctx.history)) {
    if (a === command) continue
    const p = ctx.store.assoc.probability(a, command)
    if (p > 0 && (!best || p > best.p)) best = { after: a, p }
  }
  return best
}

/**
 * Explains a suggestion by the source that lifted it most among those with real evidence for
 * it, with the count behind that evidence, so the text is true whatever the weights are.
 */
export function explain(s: Scored, ctx: ReasonContext): Reason {
  const last = ctx.history[ctx.history.length - 1]
  const similar = ctx.label ? `similar ${ctx.label} incidents` : 'similar incidents'
  switch (components(s, ctx)[0] ?? 'ngram') {
    case 'prior':
      return { ...transitionReason(s.command, ctx.prior, ctx.history, ' in public playbooks'), kind: 'prior' }
    case 'next': {
      const ran = ctx.votes.nextCases.get(s.command) ?? 0
      const what = last === undefined ? 'ran first' : `ran next after ${last}`
      return { reason: `${what} in ${ran} of ${ctx.votes.contextCases} ${similar}`, support: ran, kind: 'similar-next' }
    }
    case 'prefix': {
      const ran = ctx.prefix.flows.get(s.command) ?? 0
      const steps = ctx.prefix.longest.get(s.command) ?? 0
      if (last === undefined) return { reason: `ran first in ${ran} of ${ctx.prefix.matchedFlows} past incidents`, support: ran, kind: 'same-step' }
      // Agreeing on the last step alone is what a transition says, in its usual words.
      if (steps < 2) break
      const state = ctx.history.slice(-steps).join(' → ')
      return { reason: `ran next after the same last ${steps} steps (${state}) in ${ran} of ${ctx.prefix.matchedFlows} past incidents`, support: ran, kind: 'same-step' }
    }
    case 'cache': {
      const n = ctx.history.filter((c) => c === s.command).length
      return { reason: `already run ${times(n)} here; analysts often repeat it`, support: n, kind: 'repeat' }
    }
    case 'assoc': {
      const rel = relatedTo(s.command, ctx)
      if (rel) return { reason: `run later in ${pct(rel.p)} of past incidents that ran ${rel.after}`, support: Math.round(rel.p * 100), kind: 'related' }
      break
    }
    case 'bag': {
      const ran = ctx.votes.bagCases.get(s.command) ?? 0
      return { reason: `run in ${ran} ${similar}`, support: ran, kind: 'similar-any' }
    }
    case 'ngram':
      break
  }
  return transitionReason(s.command, ctx.store.ngram, ctx.history, '')
}

function transitionReason(command: string, model: NgramModel | undefined, history: readonly string[], where: string): Reason {
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
  if (runs === 0) return { reason: `a common step in investigations${where}; no local history for it yet`, support: 0, kind: where ? 'prior' : 'popular' }
  return { reason: `one of the most used commands${where} (${runs} ${runs === 1 ? 'run' : 'runs'} in past incidents)`, support: runs, kind: where ? 'prior' : 'popular' }
}
