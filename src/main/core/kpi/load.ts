import type { Incident, IncidentStatus, IntakeSource, Priority } from '../../../shared/domain'
import type { Db } from '../db/open-db'
import { lifecycle, type LifeEvent, type Lifecycle } from './lifecycle'

export interface IncidentFacts {
  id: string
  number: string
  title: string
  priority: Priority
  source: IntakeSource
  leader: string
  members: string[]
  status: IncidentStatus
  life: Lifecycle
}

const ACTION_TYPES = `'incident.updated','message.posted','command.started','command.confirmed','message.marked'`

/**
 * The milestones of every incident opened in [from, to), from the log: one pass over their events
 * in log order, with SQLite pulling out the few payload fields the KPIs need.
 */
export function loadIncidentFacts(db: Db, from: number, to: number, now: number): IncidentFacts[] {
  const incidents = db
    .prepare(
      `SELECT rowid AS r, id, number, title, priority, source, leader, members, status, opened_at AS openedAt
       FROM incidents WHERE opened_at >= ? AND opened_at < ? ORDER BY rowid`
    )
    .all(from, to) as (Pick<Incident, 'id' | 'number' | 'title' | 'priority' | 'source' | 'leader' | 'status' | 'openedAt'> & { members: string })[]
  const events = db.prepare(
    `SELECT e.incident_id AS id, e.type AS type, COALESCE(json_extract(e.payload, '$.at'), e.recorded_at) AS at,
       json_extract(e.actor, '$.id') AS actorId,
       CASE WHEN e.type = 'incident.updated' THEN json_extract(e.payload, '$.changes.status') END AS status
     FROM incidents i JOIN events e ON e.incident_id = i.id
     WHERE i.opened_at >= ? AND i.opened_at < ? AND e.type IN (${ACTION_TYPES})
     ORDER BY i.rowid, e.seq`
  )
  const byIncident = new Map<string, LifeEvent[]>()
  for (const row of events.iterate(from, to) as Iterable<LifeEvent & { id: string }>) {
    let list = byIncident.get(row.id)
    if (!list) byIncident.set(row.id, (list = []))
    list.push(row)
  }
  return incidents.map((i) => ({
    id: i.id,
    number: i.number,
    title: i.title,
    priority: i.priority,
    source: i.source,
    leader: i.leader,
    members: JSON.parse(i.members) as string[],
    status: i.status,
    life: lifecycle(i.openedAt, byIncident.get(i.id) ?? [], now)
  }))
}
