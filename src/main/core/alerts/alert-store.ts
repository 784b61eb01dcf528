import { allocateIncidentNumber } from '../incidents/allocate-number'
import type { Db } from '../db/open-db'
import { SIGNATURE_TOLERANCE_MS } from './auth'

export interface StoredAlert {
  id: string
  incidentId: string | null
}

export interface NewAlertRow {
  id: string
  dedupKey: string
  threadKey: string | null
  source: string
  type: string
  severity: number
  title: string
  incidentId: string | null
  receivedAt: number
}

/** The intake's memory in SQLite: which alerts it has seen, which signatures, and pollers' high-water marks. */
export class AlertStore {
  private readonly byDedup
  private readonly insertAlert
  private readonly byThread
  private readonly insertSignature
  private readonly pruneSignatures
  private lastPrune = 0

  constructor(private readonly db: Db) {
    this.byDedup = db.prepare('SELECT id, incident_id AS incidentId FROM alerts WHERE dedup_key = ?')
    this.insertAlert = db.prepare(
      `INSERT INTO alerts (id, dedup_key, thread_key, source, type, severity, title, incident_id, received_at)
       VALUES (@id, @dedupKey, @threadKey, @source, @type, @severity, @title, @incidentId, @receivedAt)`
    )
    this.byThread = db.prepare(
      `SELECT a.incident_id AS incidentId FROM alerts a JOIN incidents i ON i.id = a.incident_id
       WHERE a.thread_key = ? AND i.status NOT IN ('resolved', 'closed') ORDER BY a.received_at DESC LIMIT 1`
    )
    this.insertSignature = db.prepare('INSERT INTO alert_signatures (signature, seen_at) VALUES (?, ?) ON CONFLICT(signature) DO NOTHING')
    this.pruneSignatures = db.prepare('DELETE FROM alert_signatures WHERE seen_at < ?')
  }

  seen(dedupKey: string): StoredAlert | undefined {
    return this.byDedup.get(dedupKey) as StoredAlert | undefined
  }

  add(row: NewAlertRow): void {
    this.insertAlert.run(row)
  }

  openIncidentOnThread(threadKey: string): string | undefined {
    return (this.byThread.get(threadKey) as { incidentId: string } | undefined)?.incidentId
  }

  hasSignature(signature: string): boolean {
    return this.db.prepare('SELECT 1 FROM alert_signatures WHERE signature = ?').get(signature) !== undefined
  }

  /** False when the signature was already used: a replay. Older ones are forgotten: their timestamp is stale anyway. */
  rememberSignature(signature: string, now: number): boolean {
    if (now - this.lastPrune > 60_000) {
      this.pruneSignatures.run(now - 2 * SIGNATURE_TOLERANCE_MS)
      this.lastPrune = now
    }
    return this.insertSignature.run(signature, now).changes === 1
  }

  mark(name: string): number | undefined {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(`alerts.hwm.${name}`) as { value: string } | undefined
    return row ? Number(row.value) : undefined
  }

  setMark(name: string, value: number): void {
    this.db
      .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(`alerts.hwm.${name}`, String(value))
  }

  nextIncidentNumber(): string {
    return allocateIncidentNumber(this.db)
  }

  /** Counts an alert dropped as a duplicate, per UTC day, for the KPI dashboard. */
  countDuplicate(now: number): void {
    this.db
      .prepare(`INSERT INTO meta (key, value) VALUES (?, '1') ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`)
      .run(`alerts.duplicates.${new Date(now).toISOString().slice(0, 10)}`)
  }

  /** Next value of a counter kept in meta (local ticket numbers). */
  next(counter: string): number {
    return this.db.transaction(() => {
      const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(counter) as { value: string } | undefined
      const next = (row ? Number(row.value) : 0) + 1
      this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(counter, String(next))
      return next
    })()
  }
}
