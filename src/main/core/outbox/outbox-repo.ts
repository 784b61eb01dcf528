import type { Db } from '../db/open-db'
import { stmt } from '../db/statements'

/**
 * The outbox table, outside the log: rows are written by EventLog in the transaction of the event
 * that caused them; the worker reads each lane's head and records each outcome here.
 */

/** The oldest pending row of each lane: lanes deliver in order, in parallel with each other. */
export function laneHeads(db: Db): Record<string, unknown>[] {
  return stmt(db, `SELECT o.* FROM outbox o JOIN (SELECT lane, min(id) AS id FROM outbox WHERE status = 'pending' GROUP BY lane) h ON h.id = o.id`).all() as Record<string, unknown>[]
}

export function pendingCount(db: Db): number {
  return (stmt(db, `SELECT count(*) AS n FROM outbox WHERE status = 'pending'`).get() as { n: number }).n
}

/** Rows still to deliver (pending or parked) per kind: the top bar's waiting counts. */
export function waitingByKind(db: Db): { kind: string; n: number }[] {
  return stmt(db, `SELECT kind, count(*) AS n FROM outbox WHERE status IN ('pending', 'parked') GROUP BY kind`).all() as { kind: string; n: number }[]
}

export function markDelivered(db: Db, id: number, attempts: number, at: number): void {
  stmt(db, `UPDATE outbox SET status = 'done', attempts = ?, done_at = ?, last_error = NULL WHERE id = ?`).run(attempts, at, id)
}

/** After a failure: pending again at nextAt, or parked (nextAt 0) until a human changes something. */
export function markFailed(db: Db, id: number, outcome: { parked: boolean; attempts: number; nextAt: number; error: string }): void {
  stmt(db, `UPDATE outbox SET status = ?, attempts = ?, next_at = ?, last_error = ? WHERE id = ?`).run(outcome.parked ? 'parked' : 'pending', outcome.attempts, outcome.nextAt, outcome.error, id)
}

/** Parked rows whose kind starts with the prefix become pending now; returns how many. */
export function unparkKinds(db: Db, kindPrefix: string, at: number): number {
  return stmt(db, `UPDATE outbox SET status = 'pending', next_at = ?, attempts = 0 WHERE status = 'parked' AND kind LIKE ?`).run(at, `${kindPrefix}%`).changes
}
