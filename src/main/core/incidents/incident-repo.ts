import type { Incident } from '../../../shared/domain'
import type { Db } from '../db/open-db'
import { stmt } from '../db/statements'

/**
 * The incidents table, read. Projections (src/main/core/projections) write it from the log; every
 * other reader outside the read models (search, kpi, report, archive, sync) comes here.
 */
export { getIncident as findIncident, listIncidents } from '../projections/views'

export type IncidentSummary = Pick<Incident, 'id' | 'number' | 'title' | 'description' | 'source' | 'leader' | 'status' | 'priority'>

const SUMMARY = 'SELECT id, number, title, description, source, leader, status, priority FROM incidents'

/** The few fields most readers need, by id, without parsing the rest. */
export function incidentSummary(db: Db, id: string): IncidentSummary | undefined {
  return stmt(db, `${SUMMARY} WHERE id = ?`).get(id) as IncidentSummary | undefined
}

export function incidentIds(db: Db, scope: 'open' | 'all'): string[] {
  const sql = scope === 'open' ? `SELECT id FROM incidents WHERE status != 'closed'` : 'SELECT id FROM incidents'
  return (stmt(db, sql).all() as { id: string }[]).map((r) => r.id)
}

/** Incidents restricted to some groups, with those groups. */
export function restrictedIncidents(db: Db): { id: string; groups: string[] }[] {
  const rows = stmt(db, `SELECT id, restricted_groups FROM incidents WHERE restricted_groups != '[]'`).all() as { id: string; restricted_groups: string }[]
  return rows.map((r) => ({ id: r.id, groups: JSON.parse(r.restricted_groups) as string[] }))
}

/** The groups an incident (by id or number) is restricted to; empty when open to the team or unknown. */
export function restrictedGroupsOf(db: Db, idOrNumber: string): string[] {
  const row = stmt(db, 'SELECT restricted_groups FROM incidents WHERE id = ? OR number = ?').get(idOrNumber, idOrNumber) as { restricted_groups: string } | undefined
  return row ? (JSON.parse(row.restricted_groups) as string[]) : []
}

/** The highest final number (INC…) this workstation has seen, its own or replicated. */
export function highestIncidentNumber(db: Db): number {
  const row = stmt(db, `SELECT max(CAST(substr(number, 4) AS INTEGER)) AS n FROM incidents WHERE number GLOB 'INC[0-9]*'`).get() as { n: number | null }
  return row.n ?? 0
}
