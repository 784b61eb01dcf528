import { ulid } from 'ulid'
import type { ParsedInput } from '../../../shared/contract'
import type { Incident } from '../../../shared/domain'
import { VirgilError } from '../../../shared/errors'
import { derivePriority } from '../../../shared/priority'
import type { Actor } from '../commands/types'
import type { Db } from '../db/open-db'
import type { EventLog } from '../log/event-log'
import { findIncident, listIncidents } from './incident-repo'
import { allocateIncidentNumber, teamIncidentNumber } from './allocate-number'

export type CreateIncident = Omit<ParsedInput<'incident:create'>, 'restrictedGroups'> & { restrictedGroups?: string[] }
export type UpdateIncident = ParsedInput<'incident:update'>

export class IncidentService {
  constructor(
    private readonly db: Db,
    private readonly log: EventLog
  ) {}

  async list(scope: 'open' | 'closed' | 'all'): Promise<Incident[]> {
    return listIncidents(this.db, scope)
  }

  async get(id: string): Promise<Incident> {
    return this.require(id)
  }

  require(id: string): Incident {
    const incident = findIncident(this.db, id)
    if (!incident) throw new VirgilError('NOT_FOUND', `No incident ${id} here. It may have been opened on another workstation that has not synced yet.`)
    return incident
  }

  async create(input: CreateIncident, actor: Actor, extra: Record<string, unknown> = {}): Promise<Incident> {
    const { priority } = derivePriority({ impact: input.impact, urgency: input.urgency, conditions: input.conditions })
    const number = (await teamIncidentNumber(this.db)) ?? allocateIncidentNumber(this.db)
    const id = ulid()
    const { restrictedGroups = [], ...fields } = input
    const at = Date.now()
    // Opened and restricted in one transaction, so nothing of it is ever replicated in the open.
    this.log.append([
      { type: 'incident.opened', incidentId: id, actor, payload: { ...fields, number, priority, at, ...extra } },
      ...(restrictedGroups.length ? [{ type: 'incident.restricted' as const, incidentId: id, actor, payload: { groups: [...new Set(restrictedGroups)].sort(), at } }] : [])
    ])
    return this.require(id)
  }

  async update(input: UpdateIncident, actor: Actor): Promise<Incident> {
    const current = this.require(input.id)
    if (current.status === 'closed') {
      throw new VirgilError('CONFLICT', `${current.number} is archived and read-only. A lead can reopen it with a reason (Reopen in the room header).`)
    }
    const { id: _id, ...requested } = input
    const changes: Record<string, unknown> = {}
    const before: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(requested)) {
      if (value === undefined) continue
      const old = (current as unknown as Record<string, unknown>)[key]
      if (JSON.stringify(old) === JSON.stringify(value)) continue
      changes[key] = value
      before[key] = old
    }
    if ('impact' in changes || 'urgency' in changes || 'conditions' in changes) {
      const { priority } = derivePriority({
        impact: (changes.impact as Incident['impact']) ?? current.impact,
        urgency: (changes.urgency as Incident['urgency']) ?? current.urgency,
        conditions: (changes.conditions as Incident['conditions']) ?? current.conditions
      } as Parameters<typeof derivePriority>[0])
      if (priority !== current.priority) {
        changes.priority = priority
        before.priority = current.priority
      }
    }
    if (Object.keys(changes).length === 0) return current
    this.log.appendOne({ type: 'incident.updated', incidentId: current.id, actor, payload: { changes, before, at: Date.now() } })
    return this.require(current.id)
  }

}
