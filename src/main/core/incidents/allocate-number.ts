import { formatIncidentNumber } from '../../../shared/incident-number'
import type { Db } from '../db/open-db'

/**
 * The next incident number: one past both this workstation's counter and the highest number it
 * has seen replicated from others, so numbers stay unique across a team once in sync.
 */
export function allocateIncidentNumber(db: Db): string {
  return db.transaction(() => {
    const counter = db.prepare(`SELECT value FROM meta WHERE key = 'incident_counter'`).get() as { value: string } | undefined
    const seen = db.prepare(`SELECT max(CAST(substr(number, 4) AS INTEGER)) AS n FROM incidents`).get() as { n: number | null }
    const next = Math.max(counter ? Number(counter.value) : 0, seen.n ?? 0) + 1
    db.prepare(`INSERT INTO meta (key, value) VALUES ('incident_counter', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(String(next))
    return formatIncidentNumber(next)
  })()
}
