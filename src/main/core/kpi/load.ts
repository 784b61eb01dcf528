import type { IncidentStatus, IntakeSource, Priority } from '../../../shared/domain'
import type { Db } from '../db/open-db'
import { lifeUntil, startLife, type Lifecycle } from './lifecycle'
import { foldMilestones } from './milestones'

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

/**
 * The milestones of every incident opened in [from, to): the milestones table is brought up to the
 * log first, then read with the incidents in one query.
 */
export function loadIncidentFacts(db: Db, from: number, to: number, now: number): IncidentFacts[] {
  foldMilestones(db)
  // Rows as arrays: building 10k objects of 18 keys costs more than the query itself.
  const rows = db
    .prepare(
      `SELECT i.id, i.number, i.title, i.priority, i.source, i.leader, i.members, i.status, i.opened_at,
         m.incident_id, m.acknowledged_at, m.contained_at, m.resolved_at, m.closed_at, m.status, m.since, m.status_ms
       FROM incidents i LEFT JOIN kpi_milestones m ON m.incident_id = i.id
       WHERE i.opened_at >= ? AND i.opened_at < ? ORDER BY i.rowid`
    )
    .raw()
    .all(from, to) as Row[]
  // Teams repeat: each distinct member list is parsed once (the lists are only read).
  const teams = new Map<string, string[]>()
  const team = (text: string): string[] => {
    let t = teams.get(text)
    if (!t) teams.set(text, (t = JSON.parse(text) as string[]))
    return t
  }
  return rows.map(([id, number, title, priority, source, leader, members, status, openedAt, folded, acknowledgedAt, containedAt, resolvedAt, closedAt, lifeStatus, since, statusMs]) => ({
    id,
    number,
    title,
    priority,
    source,
    leader,
    members: team(members),
    status,
    life: lifeUntil(
      folded === null
        ? startLife(openedAt)
        : { life: { openedAt, acknowledgedAt, containedAt, resolvedAt, closedAt, statusMs: JSON.parse(statusMs as string) as Lifecycle['statusMs'] }, status: lifeStatus as IncidentStatus, since: since as number },
      now
    )
  }))
}

type N = number | null
type Row = [string, string, string, Priority, IntakeSource, string, string, IncidentStatus, number, string | null, N, N, N, N, string | null, N, string | null]
