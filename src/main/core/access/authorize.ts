import type { Channel } from '../../../shared/contract'
import { VirgilError } from '../../../shared/errors'
import { hasRole, type Role } from '../../../shared/team'
import type { Actor } from '../commands/types'
import type { Db } from '../db/open-db'
import { stmt } from '../db/statements'
import type { LogEvent } from '../log/event'
import type { EventLog } from '../log/event-log'
import type { EventType } from '../log/events'
import { rosterAsOf } from '../team/roster'
import { assertVisible, incidentOf } from './visibility'
import { incidentSummary } from '../incidents/incident-repo'

/**
 * The one place that says who may do what. Every contract channel names its minimum role and, in
 * words, what it lets someone do; createDispatch asks here before any handler runs, and the Slack
 * bridge asks here before a command from Slack runs.
 */
export const CHANNEL_ACCESS: { [C in Channel]: { role: Role; doing: string } } = {
  'session:get': { role: 'viewer', doing: 'see who they are' },
  'identity:set': { role: 'viewer', doing: 'say who they are' },
  'roster:list': { role: 'viewer', doing: 'see the team' },
  'roster:set': { role: 'lead', doing: 'change the team roster and roles' },
  'incident:list': { role: 'viewer', doing: 'list incidents' },
  'incident:get': { role: 'viewer', doing: 'read incidents' },
  'incident:create': { role: 'analyst', doing: 'open incidents' },
  'incident:update': { role: 'analyst', doing: 'change incidents' },
  'incident:restrict': { role: 'lead', doing: 'restrict incidents' },
  'timeline:get': { role: 'viewer', doing: 'read rooms' },
  'chat:send': { role: 'analyst', doing: 'write in incident rooms' },
  'message:mark': { role: 'analyst', doing: 'mark lines as notes or evidence' },
  'command:confirm': { role: 'analyst', doing: 'cancel commands' },
  'command:list': { role: 'viewer', doing: 'list commands' },
  'suggest:get': { role: 'viewer', doing: 'see suggestions' },
  'suggest:stats': { role: 'viewer', doing: 'see suggestion figures' },
  'suggest:dismiss': { role: 'analyst', doing: 'dismiss suggestions' },
  'search:query': { role: 'viewer', doing: 'search' },
  'settings:get': { role: 'viewer', doing: 'read settings' },
  'settings:update': { role: 'analyst', doing: 'change settings' },
  'secret:set': { role: 'analyst', doing: 'change credentials' },
  'status:get': { role: 'viewer', doing: 'see service status' },
  'incident:export': { role: 'viewer', doing: 'export evidence' },
  'incident:reopen': { role: 'lead', doing: 'reopen archived incidents' },
  'archive:list': { role: 'viewer', doing: 'browse the archive' },
  'archive:timeline': { role: 'viewer', doing: 'read archived rooms' },
  'archive:verify': { role: 'viewer', doing: 'verify archived incidents' },
  'archive:export': { role: 'analyst', doing: 'export portable archives' },
  'report:render': { role: 'viewer', doing: 'render reports' },
  'kpi:get': { role: 'viewer', doing: 'see KPIs' },
  'upload:begin': { role: 'analyst', doing: 'add evidence' },
  'upload:chunk': { role: 'analyst', doing: 'add evidence' },
  'upload:finish': { role: 'analyst', doing: 'add evidence' },
  'upload:abort': { role: 'analyst', doing: 'add evidence' }
}

/** Commands by danger: safe ones need an analyst; confirming a dangerous one (isolate) needs a lead. */
export const COMMAND_ACCESS = {
  run: { role: 'analyst', doing: 'run commands' },
  confirm: { role: 'lead', doing: 'confirm dangerous commands' }
} as const satisfies Record<string, { role: Role; doing: string }>

type Rule = { role: Role; doing: string }

/**
 * What an event from another workstation does, as the rule of the channel (or command) that lets
 * someone do it here: the same table, read from the other side. An event type not named here (or a
 * rule that answers null) needs no role: notes, results, records of what was refused or said in Slack.
 * Each function runs after the payload fit its schema, so it may read the payload's fields.
 */
export const EVENT_ACCESS: { [T in EventType]?: (e: Pick<LogEvent, 'incidentId' | 'actor' | 'payload'>, db: Db) => Rule | null } = {
  'incident.opened': () => CHANNEL_ACCESS['incident:create'],
  'incident.updated': (e, db) => (reopens(e, db) ? CHANNEL_ACCESS['incident:reopen'] : CHANNEL_ACCESS['incident:update']),
  'incident.restricted': () => CHANNEL_ACCESS['incident:restrict'],
  // A line said in Slack is recorded as said (the bridge only keeps commands to the rules).
  'message.posted': (e) => (e.payload.via === 'slack' ? null : CHANNEL_ACCESS['chat:send']),
  'message.marked': () => CHANNEL_ACCESS['message:mark'],
  'command.started': () => COMMAND_ACCESS.run,
  'command.confirmed': (e) => (e.payload.confirm === true ? COMMAND_ACCESS.confirm : CHANNEL_ACCESS['command:confirm']),
  'roster.set': (e, db) => (restatesSelf(e, db) ? null : CHANNEL_ACCESS['roster:set'])
}

/** An update that takes an incident this workstation holds as archived (closed) out of it. */
function reopens(e: Pick<LogEvent, 'incidentId' | 'payload'>, db: Db): boolean {
  const status = (e.payload.changes as Record<string, unknown> | undefined)?.status
  if (status === undefined || status === 'closed' || !e.incidentId) return false
  return incidentSummary(db, e.incidentId)?.status === 'closed'
}

/** Someone introducing themselves (or renaming): their own entry, no higher role and no more groups than ours. */
function restatesSelf(e: Pick<LogEvent, 'actor' | 'payload'>, db: Db): boolean {
  const entry = e.payload.entry as { id: string; role: string; groups?: unknown }
  if (entry.id !== e.actor.id) return false
  const known = stmt(db, 'SELECT role, groups FROM roster WHERE id = ?').get(entry.id) as { role: Role; groups: string } | undefined
  if (!known) return true
  const groups = Array.isArray(entry.groups) ? entry.groups : []
  const knownGroups = JSON.parse(known.groups) as string[]
  return hasRole(known.role, entry.role as Role) && groups.every((g) => knownGroups.includes(String(g)))
}

/**
 * Why this workstation does not apply an event from another one: its author, per our roster as it
 * stood when the event was written, lacks the role for what it does. Null when it may apply, which
 * includes every author the roster does not know (a workstation used alone, `system`, alerts, Slack
 * people off the roster).
 */
export function eventRefusal(db: Db, e: Pick<LogEvent, 'type' | 'hlc' | 'incidentId' | 'actor' | 'payload'>): string | null {
  const rule = EVENT_ACCESS[e.type as EventType]?.(e, db)
  if (!rule) return null
  const author = rosterAsOf(db, e.actor.id, e.hlc, (role) => hasRole(role, rule.role))
  if (!author || hasRole(author.role, rule.role)) return null
  return refusalWords(author, rule.role, rule.doing)
}

const PLURAL: Record<Role, string> = { viewer: 'viewers', analyst: 'analysts', lead: 'leads' }

/** "Ana is a viewer: only analysts may run commands." */
export function refusalWords(actor: Pick<Actor, 'name' | 'role'>, need: Role, doing: string): string {
  const role = actor.role === 'system' ? 'system' : actor.role
  const article = role === 'analyst' ? 'an' : 'a'
  return `${actor.name} is ${article} ${role}: only ${PLURAL[need]} may ${doing}.`
}

export interface AccessDeps {
  db: Db
  log: EventLog
  /** True when a chat line is a command (starts with `!` or `/`). */
  isCommand(text: string): boolean
}

export type Authorize = (channel: Channel, input: Record<string, unknown>, actor: Actor) => void

/** Throws FORBIDDEN (recorded as `access.refused`) or NOT_FOUND for an incident hidden from the actor. */
export function createAuthorizer(deps: AccessDeps): Authorize {
  const refuse = (actor: Actor, need: Role, doing: string, channel: string, incidentId?: string): never => {
    const message = refusalWords(actor, need, doing)
    deps.log.appendOne({
      type: 'access.refused',
      incidentId: null,
      actor: { id: actor.id, name: actor.name },
      payload: { channel, role: actor.role, need, reason: message, ...(incidentId ? { incidentId } : {}), via: actor.via ?? 'app', at: Date.now() }
    })
    throw new VirgilError('FORBIDDEN', message)
  }
  return (channel, input, actor) => {
    const incidentId = incidentOf(deps.db, channel, input)
    if (incidentId) assertVisible(deps.db, incidentId, actor)
    let rule: { role: Role; doing: string } = CHANNEL_ACCESS[channel]
    if (channel === 'chat:send' && typeof input.text === 'string' && deps.isCommand(input.text)) rule = COMMAND_ACCESS.run
    if (channel === 'command:confirm' && input.confirm === true) rule = COMMAND_ACCESS.confirm
    if (channel === 'incident:create' && Array.isArray(input.restrictedGroups) && input.restrictedGroups.length) rule = CHANNEL_ACCESS['incident:restrict']
    if (!hasRole(actor.role, rule.role)) refuse(actor, rule.role, rule.doing, channel, incidentId)
  }
}

/** The same rule for a confirmation that did not come through the contract. */
export function confirmRefusal(actor: Actor): string | undefined {
  return hasRole(actor.role, COMMAND_ACCESS.confirm.role) ? undefined : refusalWords(actor, COMMAND_ACCESS.confirm.role, COMMAND_ACCESS.confirm.doing)
}

/** The same check for a command that did not come through the contract (Slack). */
export function commandRefusal(actor: Actor): string | undefined {
  return hasRole(actor.role, COMMAND_ACCESS.run.role) ? undefined : refusalWords(actor, COMMAND_ACCESS.run.role, COMMAND_ACCESS.run.doing)
}
