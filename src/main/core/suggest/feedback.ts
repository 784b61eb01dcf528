/**
 * What became of each suggestion shown: taken (clicked, or the same command typed within the
 * next WINDOW lines of the room), dismissed (the analyst said no), or ignored (WINDOW lines went
 * by without it). Outcomes are events in the log (`suggestion.outcome`), so acceptance survives
 * restarts and replicates with the incident; suggestions still pending live in memory only.
 */
import type { SuggestionKind, SuggestionOutcome, UserRef } from '../../../shared/domain'
import type { EventLog } from '../log/event-log'
import type { LogEvent } from '../log/event'
import { payloadOf } from '../log/events'

/** Lines of the room (chat or commands) after which a suggestion not taken counts as ignored. */
export const SUGGESTION_WINDOW = 3

interface Pending {
  command: string
  kind: SuggestionKind
  rank: number
  /** Room lines seen since it was first shown. */
  lines: number
}

export interface OutcomePayload {
  command: string
  kind: SuggestionKind
  rank: number
  outcome: SuggestionOutcome
  /** For taken: clicked in the sidebar, or typed by hand. */
  via?: 'click' | 'typed'
  at: number
}

export class SuggestionFeedback {
  private readonly pending = new Map<string, Map<string, Pending>>()

  constructor(
    private readonly log: EventLog,
    private readonly window = SUGGESTION_WINDOW
  ) {}

  /** The sidebar shows these now; a command already pending keeps its first showing. */
  shown(incidentId: string, items: readonly { command: string; kind: SuggestionKind; rank: number }[]): void {
    let open = this.pending.get(incidentId)
    if (!open) this.pending.set(incidentId, (open = new Map()))
    for (const s of items) if (!open.has(s.command)) open.set(s.command, { ...s, lines: 0 })
  }

  /** Suggestions shown and not yet resolved, per kind. */
  pendingByKind(): Map<SuggestionKind, number> {
    const out = new Map<SuggestionKind, number>()
    for (const open of this.pending.values()) for (const p of open.values()) out.set(p.kind, (out.get(p.kind) ?? 0) + 1)
    return out
  }

  dismiss(incidentId: string, command: string, actor: UserRef): boolean {
    const p = this.pending.get(incidentId)?.get(command)
    if (!p) return false
    this.pending.get(incidentId)?.delete(command)
    this.record(incidentId, actor, p, 'dismissed')
    return true
  }

  /** Reads committed events: every room line ages what is pending; a run of a pending command takes it. */
  observe(events: readonly LogEvent[]): void {
    for (const e of events) {
      if (!e.incidentId || (e.type !== 'message.posted' && e.type !== 'command.started')) continue
      const open = this.pending.get(e.incidentId)
      if (!open || open.size === 0) continue
      const started = payloadOf(e, 'command.started')
      if (started) {
        const hit = open.get(started.command)
        if (hit) {
          open.delete(started.command)
          this.record(e.incidentId, e.actor, hit, 'taken', started.suggestionRank != null ? 'click' : 'typed')
        }
      }
      for (const [command, p] of open) {
        p.lines++
        if (p.lines < this.window) continue
        open.delete(command)
        this.record(e.incidentId, e.actor, p, 'ignored')
      }
    }
  }

  private record(incidentId: string, actor: UserRef, p: Pending, outcome: SuggestionOutcome, via?: 'click' | 'typed'): void {
    const payload: OutcomePayload = { command: p.command, kind: p.kind, rank: p.rank, outcome, ...(via ? { via } : {}), at: Date.now() }
    // Never append from inside another append's commit listeners: queue it just after.
    queueMicrotask(() => this.log.appendOne({ type: 'suggestion.outcome', incidentId, actor, payload: { ...payload } }))
  }
}
