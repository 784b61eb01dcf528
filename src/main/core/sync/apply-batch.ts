import { eventRefusal } from '../access/authorize'
import type { Db } from '../db/open-db'
import { canonicalJson } from '../log/canonical'
import { chainName } from '../log/event'
import type { EventLog, IngestOutcome } from '../log/event-log'
import { quarantine } from '../log/quarantine'
import { createLogger } from '../logger'
import type { EarlyEvents, WireItem } from './early-events'
import type { SubjectRouter } from './subjects'
import { macProblem, parseWire } from './wire'

const log = createLogger('sync')

export interface ApplyDeps {
  db: Db
  log: EventLog
  router: SubjectRouter
  key: Buffer
  now: () => number
  early: EarlyEvents
}

/** What became of one body from the wire, and the chain it belongs to (none when it is not an event). */
interface Applied {
  outcome: IngestOutcome
  chain: string | null
  eventId: string | null
}

/** One body from the wire: parsed, checked, applied, or quarantined. Never throws. */
export function applyMessage(d: ApplyDeps, m: WireItem): Applied {
  const parsed = parseWire(m.data)
  if (!parsed.ok) {
    const p = parsed.partial
    const entry = { eventId: p.id ?? null, origin: p.origin ?? null, incidentId: p.incidentId ?? null, type: p.type ?? null }
    quarantine(d.db, { ...entry, subject: m.subject, reason: parsed.reason, raw: Buffer.from(m.data).toString('utf8') }, d.now())
    log.warn('quarantined a message from the wire', { subject: m.subject, reason: parsed.reason })
    return { outcome: 'quarantined', chain: null, eventId: null }
  }
  const { mac: _mac, ...event } = parsed.event
  const chain = chainName(event.incidentId, event.origin)
  if (isNoticeForUnknownIncident(d, m.subject, event)) return { outcome: 'duplicate', chain, eventId: event.id }
  const payloadJson = canonicalJson(event.payload)
  const check = (): string | null =>
    macProblem(d.key, parsed.event, payloadJson) ??
    (d.router.fits(m.subject, event.incidentId) ? null : `it came on ${m.subject}, which is not its incident's subject`) ??
    eventRefusal(d.db, event)
  return { outcome: d.log.ingest(event, check, m.subject, { data: m.data, payloadJson }), chain, eventId: event.id }
}

/**
 * A restriction also travels on the open subject, so that workstations outside its groups hide what
 * they already hold. One that holds nothing of the incident has nothing to hide, and would wait
 * forever for the earlier (restricted) events its chain link names: it takes note and goes on.
 */
function isNoticeForUnknownIncident(d: ApplyDeps, subject: string, event: { type: string; incidentId: string | null }): boolean {
  if (event.type !== 'incident.restricted' || !event.incidentId || !d.router.isOpenSubject(subject)) return false
  return d.db.prepare('SELECT 1 FROM events WHERE incident_id = ? LIMIT 1').get(event.incidentId) === undefined
}

export interface BatchResult {
  /** False when the burst could not be written (e.g. the disk): nothing of it was, and nothing may be acked. */
  ok: boolean
  applied: number
  quarantined: number
  /** Early events kept for later (early-events.ts). */
  kept: number
  /** Chains that moved (an event applied or quarantined): only their early events can follow now. */
  moved: Set<string>
}

/**
 * Applies bodies from the wire in one transaction (one fsync for a burst, which is what makes
 * catch-up fast). When it returns ok, each one was applied, found a copy, quarantined, or kept as
 * early: all of it is in the file, and the caller acks the burst with one ack.
 */
export function applyBatch(d: ApplyDeps, items: WireItem[]): BatchResult {
  const result: BatchResult = { ok: true, applied: 0, quarantined: 0, kept: 0, moved: new Set() }
  let outcomes: Applied[]
  try {
    outcomes = d.log.burst(() => items.map((m) => settle(d, m)))
  } catch (err) {
    log.error('could not write replicated events; they are read again', { error: err instanceof Error ? err.message : String(err) })
    return { ...result, ok: false }
  }
  for (const { outcome, chain } of outcomes) {
    if (outcome === 'gap') result.kept++
    else if (outcome === 'applied' || outcome === 'quarantined') {
      if (outcome === 'applied') result.applied++
      else result.quarantined++
      if (chain) result.moved.add(chain)
    }
  }
  return result
}

/** One body inside the burst: applied, or kept until its predecessor lands, or let go from the early ones. */
function settle(d: ApplyDeps, m: WireItem): Applied {
  const done = safeApply(d, m)
  if (done.outcome === 'gap') {
    if (m.early === undefined && done.chain && done.eventId) d.early.keep(done.eventId, done.chain, m, d.now())
  } else if (m.early !== undefined) d.early.forget(m.early)
  return done
}

function safeApply(d: ApplyDeps, m: WireItem): Applied {
  try {
    return applyMessage(d, m)
  } catch (err) {
    // The burst's first pass failed: it is rolled back and run again one event at a time (EventLog.burst).
    if (d.log.isBurstSpoiled) throw err
    // ingest quarantines what fails to apply; this is the last guard, for what fails before it. Kept
    // with its body, it can be judged again; if even that write fails, the burst is read again.
    const reason = `it could not be handled (${err instanceof Error ? err.message : String(err)})`
    log.error('a replicated event could not be handled', { subject: m.subject, error: reason })
    quarantine(d.db, { subject: m.subject, reason, raw: Buffer.from(m.data).toString('utf8') }, d.now())
    return { outcome: 'quarantined', chain: null, eventId: null }
  }
}
