import { eventRefusal } from '../access/authorize'
import { stmt } from '../db/statements'
import { canonicalJson } from '../log/canonical'
import type { EventLog } from '../log/event-log'
import { payloadOf, payloadProblem } from '../log/events'
import { createLogger } from '../logger'
import type { ApplyDeps } from './apply-batch'
import { macProblem, parseWire } from './wire'

const logger = createLogger('sync')

type Candidate = { raw: string; subject: string | null }

/**
 * Quarantined events from the wire that are not in the log, oldest first, by the given authors (or
 * every author). Only rows kept with their wire body (and so their mac) can be judged again.
 */
function candidates(d: ApplyDeps, authors: ReadonlySet<string> | 'all'): Candidate[] {
  const rows = stmt(
    d.db,
    `SELECT raw, subject, CASE WHEN json_valid(raw) THEN json_extract(raw, '$.actor.id') END AS author FROM quarantine q
     WHERE event_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = q.event_id)
     ORDER BY rowid`
  ).all() as (Candidate & { author: string | null })[]
  return rows.filter((r) => r.author !== null && (authors === 'all' || authors.has(r.author)))
}

/**
 * A roster change can change a verdict: a promotion and something the promoted person did as a
 * lead may arrive in either order. Judges the quarantined events of those authors again by the same
 * checks as on arrival (content mac, subject, payload, the role table) and applies those that now
 * pass, oldest first, each once (an event already in the log is never applied again). Returns how
 * many were applied.
 */
export function releaseQuarantined(d: ApplyDeps, authors: ReadonlySet<string> | 'all'): number {
  let released = 0
  d.log.batch(() =>
    d.db.transaction(() => {
      for (const c of candidates(d, authors)) {
        const parsed = parseWire(Buffer.from(c.raw, 'utf8'))
        if (!parsed.ok) continue
        const { mac: _mac, ...event } = parsed.event
        const payloadJson = canonicalJson(event.payload)
        const problem =
          payloadProblem(event.type, event.payload) ??
          macProblem(d.key, parsed.event, payloadJson) ??
          (c.subject !== null && d.router.fits(c.subject, event.incidentId) ? null : 'subject') ??
          eventRefusal(d.db, event)
        if (problem) continue
        try {
          if (!d.log.release(event)) continue
          released++
          logger.info('applied a quarantined event its author may now write', { id: event.id, type: event.type, author: event.actor.id })
        } catch (error) {
          logger.warn('a quarantined event still cannot be applied', { id: event.id, error })
        }
      }
    })()
  )
  return released
}

/**
 * Judges again after every roster change (local, or received from the team's bucket), and once at
 * start (a release interrupted by a crash). Runs after the change's commit, outside its transaction.
 */
export function releaseOnRosterChange(d: ApplyDeps & { log: EventLog }, isClosed: () => boolean): () => void {
  const run = (authors: ReadonlySet<string> | 'all'): void => {
    if (isClosed() || !d.db.open) return
    try {
      releaseQuarantined(d, authors)
    } catch (error) {
      logger.warn('could not judge quarantined events again; the next roster change tries again', { error })
    }
  }
  const timers = new Set<NodeJS.Immediate>()
  const later = (authors: ReadonlySet<string> | 'all'): void => {
    const t = setImmediate(() => {
      timers.delete(t)
      run(authors)
    })
    timers.add(t)
  }
  later('all')
  const stop = d.log.onCommit((events) => {
    const authors = new Set(events.flatMap((e) => payloadOf(e, 'roster.set')?.entry.id ?? []))
    if (authors.size) later(authors)
  })
  return () => {
    stop()
    for (const t of timers) clearImmediate(t)
  }
}
