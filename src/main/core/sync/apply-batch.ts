import type { JsMsg } from 'nats'
import { eventRefusal } from '../access/authorize'
import type { Db } from '../db/open-db'
import type { EventLog, IngestOutcome } from '../log/event-log'
import { canonicalJson } from '../log/canonical'
import { quarantine } from '../log/quarantine'
import { createLogger } from '../logger'
import type { SubjectRouter } from './subjects'
import { macProblem, parseWire } from './wire'

const log = createLogger('sync')

export interface ApplyDeps {
  db: Db
  log: EventLog
  router: SubjectRouter
  key: Buffer
  now: () => number
}

/** One message from the wire: parsed, checked, applied, or quarantined. Never throws. */
export function applyMessage(d: ApplyDeps, m: Pick<JsMsg, 'data' | 'subject'>): IngestOutcome {
  const parsed = parseWire(m.data)
  if (!parsed.ok) {
    const p = parsed.partial
    const entry = { eventId: p.id ?? null, origin: p.origin ?? null, incidentId: p.incidentId ?? null, type: p.type ?? null }
    quarantine(d.db, { ...entry, subject: m.subject, reason: parsed.reason, raw: Buffer.from(m.data).toString('utf8') }, d.now())
    log.warn('quarantined a message from the wire', { subject: m.subject, reason: parsed.reason })
    return 'quarantined'
  }
  const { mac: _mac, ...event } = parsed.event
  if (isNoticeForUnknownIncident(d, m.subject, event)) return 'duplicate'
  const payloadJson = canonicalJson(event.payload)
  const check = (): string | null =>
    macProblem(d.key, parsed.event, payloadJson) ??
    (d.router.fits(m.subject, event.incidentId) ? null : `it came on ${m.subject}, which is not its incident's subject`) ??
    eventRefusal(d.db, event)
  return d.log.ingest(event, check, m.subject, { data: m.data, payloadJson })
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

/**
 * Applies what the consumer delivered since the last turn in one transaction (one fsync for a
 * burst, which is what makes catch-up fast), then acks: applied, duplicate and quarantined are
 * acked (quarantined ones are terminated: never redelivered); a gap goes to `onGap` (the consume
 * loop holds it until its predecessor lands) or is nak'd to come back in order.
 */
export interface BatchResult {
  applied: number
  quarantined: number
  /** Incidents whose chains moved (an event applied or quarantined): only their early events can follow now. */
  moved: Set<string>
}

export function applyBatch(d: ApplyDeps, batch: JsMsg[], onGap: (m: JsMsg) => void = (m) => m.nak(250)): BatchResult {
  let outcomes: IngestOutcome[]
  try {
    outcomes = d.log.burst(() => batch.map((m) => safeApply(d, m)))
  } catch (err) {
    log.error('could not write replicated events; they come back', { error: err instanceof Error ? err.message : String(err) })
    for (const m of batch) m.nak(1_000)
    return { applied: 0, quarantined: 0, moved: new Set() }
  }
  let applied = 0
  let quarantined = 0
  const moved = new Set<string>()
  outcomes.forEach((outcome, i) => {
    const m = batch[i] as JsMsg
    if (outcome === 'gap') onGap(m)
    else if (outcome === 'quarantined') {
      quarantined++
      moved.add(incidentOfSubject(m.subject))
      m.term()
    } else {
      if (outcome === 'applied') {
        applied++
        moved.add(incidentOfSubject(m.subject))
      }
      m.ack()
    }
  })
  return { applied, quarantined, moved }
}

function safeApply(d: ApplyDeps, m: JsMsg): IngestOutcome {
  try {
    return applyMessage(d, m)
  } catch (err) {
    // The burst's first pass failed: it is rolled back and run again one event at a time (EventLog.burst).
    if (d.log.isBurstSpoiled) throw err
    // ingest quarantines what fails to apply; this is the last guard (e.g. the quarantine write itself).
    log.error('a replicated event could not be handled', { subject: m.subject, error: err instanceof Error ? err.message : String(err) })
    return 'gap'
  }
}

/** An incident's subjects end with its id, open (`<prefix>.<id>`) or restricted (`<prefix>.<group>.<id>`). */
export const incidentOfSubject = (subject: string): string => subject.slice(subject.lastIndexOf('.') + 1)
