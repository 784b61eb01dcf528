import { VirgilError } from '../../../shared/errors'
import { maySee } from '../../../shared/team'
import type { Actor } from '../commands/types'
import type { Db } from '../db/open-db'
import { restrictedGroupsOf, restrictedIncidents } from '../incidents/incident-repo'
import { incidentOfMessage } from '../chat/message-repo'
import { incidentOfRun } from '../commands/command-run-repo'

/** Incidents restricted to groups this actor is not in: they must not learn these exist. */
export function hiddenIncidents(db: Db, actor: Actor): Set<string> {
  if (actor.role === 'system') return new Set()
  return new Set(restrictedIncidents(db).filter((r) => !maySee(r.groups, actor.groups)).map((r) => r.id))
}

/** The groups an incident is restricted to (empty when it is open to the team). */
export function restrictedGroups(db: Db, incidentId: string): string[] {
  return restrictedGroupsOf(db, incidentId)
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
  if (typeof input.messageId === 'string') return incidentOfMessage(db, input.messageId)
  if (typeof input.runId === 'string') return incidentOfRun(db, input.runId)
  return undefined
}
