import type { Db } from '../db/open-db'
import { stmt } from '../db/statements'

export interface QuarantineEntry {
  eventId?: string | null
  origin?: string | null
  incidentId?: string | null
  type?: string | null
  subject?: string | null
  prevHash?: string | null
  hash?: string | null
  reason: string
  raw: string
}

export interface QuarantinedRow {
  eventId: string | null
  origin: string | null
  incidentId: string | null
  type: string | null
  subject: string | null
  reason: string
  at: number
}

const RAW_LIMIT = 64 * 1024

/**
 * Keeps what came from the wire but could not be applied (malformed, unknown type, a payload that
 * does not fit, a content hash that does not match, a projection that failed), with the reason.
 * Nothing in it is applied; an analyst or a later version can look at it.
 */
export function quarantine(db: Db, q: QuarantineEntry, now: number): void {
  stmt(
    db,
    `INSERT INTO quarantine (event_id, origin, incident_id, type, subject, prev_hash, hash, reason, raw, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(event_id) WHERE event_id IS NOT NULL DO NOTHING`
  ).run(q.eventId ?? null, q.origin ?? null, q.incidentId ?? null, q.type ?? null, q.subject ?? null, q.prevHash ?? null, q.hash ?? null, q.reason, q.raw.slice(0, RAW_LIMIT), now)
}

/** What is held now: an event released later (its author was promoted since) is in the log instead. */
export function listQuarantine(db: Db, limit = 100): QuarantinedRow[] {
  return stmt(db, `SELECT event_id AS eventId, origin, incident_id AS incidentId, type, subject, reason, at FROM quarantine q
     WHERE event_id IS NULL OR NOT EXISTS (SELECT 1 FROM events e WHERE e.id = q.event_id AND e.hash IS q.hash) ORDER BY rowid DESC LIMIT ?`).all(limit) as QuarantinedRow[]
}

/**
 * The hash a chain reaches from `from` by stepping over quarantined events of that writer (each
 * quarantined event still moved its writer's chain on, so the events after it are not a gap).
 */
export function throughQuarantine(db: Db, origin: string, incidentId: string | null, from: string, to: string): boolean {
  let at = from
  for (let i = 0; i < 1000 && at !== to; i++) {
    const next = stmt(db, 'SELECT hash FROM quarantine WHERE origin = ? AND incident_id IS ? AND prev_hash = ? AND hash IS NOT NULL').get(origin, incidentId, at) as { hash: string } | undefined
    if (!next) return false
    at = next.hash
  }
  return at === to
}

/**
 * An event applied after it was held (released from quarantine): its row keeps the link the chain
 * stepped over, so it is in the log out of chain order, linked where it was held.
 */
export function wasReleased(db: Db, e: { id: string; prevHash: string; hash: string }): boolean {
  return !!stmt(db, 'SELECT 1 FROM quarantine WHERE event_id = ? AND prev_hash = ? AND hash = ?').get(e.id, e.prevHash, e.hash)
}
