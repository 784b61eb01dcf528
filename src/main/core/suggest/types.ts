import type { SuggestionKind } from '../../../shared/domain'

export type { SuggestionKind }
/** One past (or open) incident as the engine sees it: plain data, no database rows. */
export interface SuggestCase {
  id: string
  /** Title and description. */
  text: string
  /** Alert source, e.g. "guardduty" or "phishing-mailbox". */
  source?: string
  tags?: string[]
  /** Command words in the order they were run, e.g. ["vtip", "whois", "ec2 show"]. */
  commands: string[]
  /** Analyst who handled it. */
  handledBy?: string
  closedAt?: number
}

export interface Suggestion {
  command: string
  /** Mixture probability in [0, 1]; comparable within one call only. */
  score: number
  /** Why, in words an analyst reads at a glance. */
  reason: string
  /** How many past observations back it up (cases or transitions). */
  support: number
  /** Which evidence the reason names: the kind acceptance is counted by. */
  kind: SuggestionKind
}




export interface NextQuery {
  text: string
  source?: string
  history: string[]
  k: number
}

export interface FlowStep {
  command: string
  done: boolean
}

export interface FlowResult {
  steps: FlowStep[]
  /** Ids of the cases whose flows were merged. */
  basedOn: string[]
}

export interface SimilarCase {
  id: string
  /** In (0, 1]: relative to the best possible match of the query. */
  score: number
}

export interface Expert {
  analyst: string
  /** How many of the given cases they handled. */
  cases: number
}
