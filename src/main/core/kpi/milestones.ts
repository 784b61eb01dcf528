import type { IncidentStatus } from '../../../shared/domain'
import type { Db } from '../db/open-db'
import { stmt } from '../db/statements'
import { startLife, stepLife, type LifeEvent, type LifeState } from './lifecycle'

const WATERMARK = 'kpi_seq'
export const ACTION_TYPES = `'incident.updated','message.posted','command.started','command.confirmed','message.marked'`

interface Row {
  incident_id: string
  opened_at: number
  acknowledged_at: number | null
  contained_at: number | null
  resolved_at: number | null
  closed_at: number | null
  status: string
  since: number
  status_ms: string
}

function toState(r: Row): LifeState {
  return {
    life: {
      openedAt: r.opened_at,
      acknowledgedAt: r.acknowledged_at,
      containedAt: r.contained_at,
      resolvedAt: r.resolved_at,
      closedAt: r.closed_at,
      statusMs: JSON.parse(r.status_ms) as LifeState['life']['statusMs']
    },
    status: r.status as IncidentStatus,
    since: r.since
  }
}

/**
 * Keeps each incident's milestones (first action, contained, resolved, closed, time per status)
 * folded just behind the log, like the search index: only events written since the last call are
 * read, so the KPIs over 10k incidents read 10k rows instead of every incident's events.
 */
export function foldMilestones(db: Db): number {
  return db.transaction(() => {
    const from = Number((stmt(db, `SELECT value FROM meta WHERE key = '${WATERMARK}'`).get() as { value: string } | undefined)?.value ?? 0)
    const last = (stmt(db, 'SELECT max(seq) AS m FROM events').get() as { m: number | null }).m ?? 0
    if (last <= from) return 0
    const rows = stmt(
      db,
      `SELECT e.incident_id AS id, e.type AS type, COALESCE(json_extract(e.payload, '$.at'), e.recorded_at) AS at,
         json_extract(e.actor, '$.id') AS actorId,
         CASE WHEN e.type = 'incident.updated' THEN json_extract(e.payload, '$.changes.status') END AS status
       FROM events e WHERE e.seq > ? AND e.seq <= ? AND e.incident_id IS NOT NULL AND e.type IN (${ACTION_TYPES}) ORDER BY e.seq`
    ).iterate(from, last) as Iterable<LifeEvent & { id: string }>
    const get = stmt(db, 'SELECT * FROM kpi_milestones WHERE incident_id = ?')
    const openedAt = stmt(db, 'SELECT opened_at AS at FROM incidents WHERE id = ?')
    const touched = new Map<string, LifeState>()
    for (const e of rows) {
      let s = touched.get(e.id)
      if (!s) {
        const row = get.get(e.id) as Row | undefined
        s = row ? toState(row) : startLife((openedAt.get(e.id) as { at: number } | undefined)?.at ?? e.at)
        touched.set(e.id, s)
      }
      stepLife(s, e)
    }
    const put = stmt(
      db,
      `INSERT INTO kpi_milestones (incident_id, opened_at, acknowledged_at, contained_at, resolved_at, closed_at, status, since, status_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(incident_id) DO UPDATE SET opened_at = excluded.opened_at,
       acknowledged_at = excluded.acknowledged_at, contained_at = excluded.contained_at, resolved_at = excluded.resolved_at,
       closed_at = excluded.closed_at, status = excluded.status, since = excluded.since, status_ms = excluded.status_ms`
    )
    for (const [id, s] of touched) {
      const l = s.life
      put.run(id, l.openedAt, l.acknowledgedAt, l.containedAt, l.resolvedAt, l.closedAt, s.status, s.since, JSON.stringify(l.statusMs))
    }
    stmt(db, `INSERT INTO meta (key, value) VALUES ('${WATERMARK}', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(String(last))
    return touched.size
  })()
}
