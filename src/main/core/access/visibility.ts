import { VirgilError } from '../../../shared/errors'
import { maySee } from '../../../shared/team'
import type { Actor } from '../commands/types'
import type { Db } from '../db/open-db'

/** Incidents restricted to groups this actor is not in: they must not learn these exist. */
export function hiddenIncidents(db: Db, actor: Actor): Set<string> {
  if (actor.role === 'system') return new Set()
  const rows = db.prepare(`SELECT id, restricted_groups FROM incidents WHERE restricted_groups != '[]'`).all() as { id: string; restricted_groups: string }[]
  return new Set(rows.filter((r) => !maySee(JSON.parse(r.restricted_groups) as string[], actor.groups)).map((r) => r.id))
}

/** The groups an incident is restricted to (empty when it is open to the team). */
export function restrictedGroups(db: Db, incidentId: string): string[] {
  const row = db.prepare('SELECT restricted_groups FROM incidents WHERE id = ? OR number = ?').get(incidentId, incidentId) as { restricted_groups: string } | undefined
  return row ? (JSON.parse(row.restricted_groups) as string[]) : []
}

/** Answers exactly as for an incident that does not exist, so a non-member learns nothing. */
export function assertVisible(db: Db, incidentId: string, actor: Actor): void {
  if (actor.role === 'system') return
  if (maySee(restrictedGroups(db, incidentId), actor.groups)) return
  throw new VirgilError('NOT_FOUND', `No incident ${incidentId} here. It may have been opened on another workstation that has not synced yet.`)
}

type Input = Record<string, unknown>
const INCIDENT_BY_ID = new Set([
  'incident:get',
  'incident:update',
  'incident:export',
  'incident:reopen',
  'incident:restrict',
  'archive:timeline',
  'archive:verify',
  'archive:export',
  'report:render'
])

/** The incident a request is about, if any (by its id, a message, a command run or an upload). */
export function incidentOf(db: Db, channel: string, input: Input): string | undefined {
  if (typeof input.incidentId === 'string') return input.incidentId
  if (INCIDENT_BY_ID.has(channel) && typeof input.id === 'string') return input.id
  if (typeof input.messageId === 'string') return lookup(db, 'SELECT incident_id AS id FROM messages WHERE id = ?', input.messageId)
  if (typeof input.runId === 'string') return lookup(db, 'SELECT incident_id AS id FROM command_runs WHERE run_id = ?', input.runId)
  return undefined
}

function lookup(db: Db, sql: string, key: string): string | undefined {
  return (db.prepare(sql).get(key) as { id: string } | undefined)?.id
}
