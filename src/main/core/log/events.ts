import { z } from 'zod'
import type { LogEvent } from './event'

/**
 * The event catalogue: every event type the log holds, with the zod schema of its payload.
 * `EventLog.append` is typed by it, and events from other workstations are parsed by it before
 * they are applied (a payload that does not fit is quarantined, never applied).
 *
 * Schemas name what projections and readers rely on and pass the rest through, so a newer
 * workstation may add optional fields without older ones quarantining its events.
 */
const at = z.number().finite().optional()
const text = z.string().max(1_000_000)
const via = z.string().max(40).optional()
const id = z.string().min(1).max(200)
const open = <T extends z.ZodRawShape>(shape: T) => z.object({ at, ...shape }).passthrough()
const errorInfo = z.object({ code: z.string(), message: z.string(), retryAfterMs: z.number().optional(), service: z.string().optional() })
const level = z.enum(['high', 'medium', 'low'])
/** Incident fields an update may change; only status is relied on by readers (archive, checkpoints). */
const changes = z.object({ status: z.string().max(40).optional() }).passthrough()
/** The card of an `evidence.added`: the fields its projection and room line read. */
const card = z
  .object({
    evidenceId: id,
    kind: z.string().max(40),
    name: z.string().max(1000),
    size: z.number(),
    type: z.object({ mime: z.string().max(200), label: z.string().max(200) }),
    hashes: z.object({ sha256: z.string().max(64) }),
    email: z.object({ subject: z.string() }).optional(),
    ticket: z.object({ number: z.string() }).optional()
  })
  .passthrough()
const blob = z.object({ sha256: z.string().max(64), md5: z.string().max(32), sha1: z.string().max(40), size: z.number(), mime: z.string().max(200), name: z.string().max(1000) })

export const EVENT_CATALOGUE = {
  'incident.opened': open({
    number: z.string().min(1).max(200),
    title: text,
    description: text,
    source: z.string().max(40),
    leader: z.string().max(200),
    members: z.array(z.string().max(200)).optional(),
    impact: level,
    urgency: level,
    conditions: z.array(z.string().max(200)).optional(),
    priority: z.string().max(40)
  }),
  'incident.updated': open({ changes, before: z.record(z.string(), z.unknown()).optional(), reason: z.string().optional() }),
  /** A lead restricted the incident to groups; its events then travel on soc.restricted.<group>.<incident>. */
  'incident.restricted': open({ groups: z.array(z.string().regex(/^[a-z0-9_-]{1,40}$/)).max(20) }),
  /** A provisional number (taken offline) became the team's final one. */
  'incident.numbered': open({ number: z.string().regex(/^INC\d{7,}$/), previous: z.string().min(1).max(200) }),
  'message.posted': open({ text, via, replyTo: id.optional() }),
  'message.marked': open({ messageId: id, mark: z.enum(['note', 'evidence']).nullable() }),
  'message.edited': open({ messageId: id, text, via }),
  'message.deleted': open({ messageId: id, via }),
  'system.noted': open({ text, via, mirror: z.boolean().optional() }),
  'command.started': open({
    runId: id,
    line: text,
    command: z.string().max(200),
    args: z.unknown().optional(),
    status: z.string().max(40),
    danger: z.string().max(40),
    via,
    replyTo: id.optional(),
    suggestionRank: z.number().optional()
  }),
  'command.confirmed': open({ runId: id, confirm: z.boolean() }),
  'command.finished': open({ runId: id, status: z.string().max(40), durationMs: z.number().optional(), output: z.unknown().optional(), error: errorInfo.optional() }),
  /** `text` (for search) and `blobs` came later than the card: older events may lack them. */
  'evidence.added': open({ card, text: z.string().optional(), blobs: z.array(blob).optional(), via }),
  'evidence.rejected': open({ name: z.string().max(1000), reason: z.string().max(2000) }),
  'ticket.created': open({
    ticket: z.object({ system: z.string().max(40).optional(), number: z.string().max(200).optional(), link: z.string().max(2000).optional() }).passthrough(),
    found: z.boolean().optional()
  }),
  'slack.linked': open({ channelName: z.string().max(200), channelId: z.string().max(200) }),
  'settings.changed': open({ section: z.string().max(60), value: z.unknown() }),
  'secret.changed': open({ name: z.string().max(60), isSet: z.boolean() }),
  /** The whole alert (alerts/alert.ts, always written whole) and, when it was new, the decision taken on it. */
  'alert.received': open({
    alertId: id,
    source: z.string(),
    type: z.string(),
    severity: z.number(),
    title: text,
    fields: z.record(z.string(), z.string()),
    decision: z.object({ priority: z.string().max(40).optional(), openIncident: z.boolean().optional() }).passthrough().optional()
  }),
  'notification.sent': open({ channel: z.string().max(40), to: z.string().max(400) }),
  'outbox.delivered': open({ key: z.string(), kind: z.string(), attempts: z.number().int() }),
  'outbox.failed': open({ key: z.string(), kind: z.string(), attempts: z.number().int(), error: errorInfo, parked: z.boolean() }),
  'suggestion.outcome': open({}),
  /** Someone tried what their role does not allow; kept for the record (not tied to an incident). */
  'access.refused': open({ channel: z.string().max(100), role: z.string().max(20), need: z.string().max(20), reason: z.string().max(2000), incidentId: id.optional(), via }),
  /** A roster entry written here or received from the team's KV bucket. */
  'roster.set': open({
    entry: z
      .object({
        id,
        name: z.string().max(200),
        handle: z.string().max(100),
        role: z.string().max(20),
        groups: z.array(z.string().max(40)).optional(),
        slackUserId: z.string().max(40).optional(),
        updatedAt: z.number().optional()
      })
      .passthrough(),
    via
  })
} as const

export type EventCatalogue = typeof EVENT_CATALOGUE
export type EventType = keyof EventCatalogue
export type EventPayload<T extends EventType> = z.input<EventCatalogue[T]>

export const EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as EventType[]

/** What readers hold: a logged event (or a row with a type and a payload). */
type Logged = Pick<LogEvent, 'type' | 'payload'>

/**
 * An event narrowed by the catalogue: `switch (e.type)` gives each case its payload's type. Fields
 * older events may lack are optional in the catalogue, so readers handle their absence.
 */
export type TypedEvent<E extends Logged = LogEvent> = {
  [T in EventType]: Omit<E, 'type' | 'payload'> & { type: T; payload: EventPayload<T> }
}[EventType]

/**
 * The one place a logged payload takes its catalogue type. It is not parsed again: local events
 * were typed by the catalogue when appended and remote ones parsed by it before they were applied.
 * An event of a type this version does not know gives null.
 */
export function typed<E extends Logged>(e: E): TypedEvent<E> | null {
  return isEventType(e.type) ? (e as unknown as TypedEvent<E>) : null
}

/** The payload of `e` when it is of type `type`, typed by the catalogue; else null. */
export function payloadOf<T extends EventType>(e: Logged, type: T): EventPayload<T> | null {
  return e.type === type ? (e.payload as EventPayload<T>) : null
}

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(EVENT_CATALOGUE, type)
}

/** Why a payload does not fit its type, in words; null when it fits. */
export function payloadProblem(type: string, payload: unknown): string | null {
  if (!isEventType(type)) return `"${type.slice(0, 60)}" is not an event type this version of Virgil knows`
  const parsed = EVENT_CATALOGUE[type].safeParse(payload)
  if (parsed.success) return null
  const issue = parsed.error.issues[0]
  return `its ${type} payload does not fit: ${issue?.path.join('.') || 'payload'} ${issue?.message ?? 'is invalid'}`
}

/** Every kind of outbox item (an effect on the outside world). */
export const OUTBOX_KINDS = [
  'NATS.publish',
  'ServiceNow.ticket',
  'SMS.send',
  'Email.send',
  'Slack.channel',
  'Slack.post',
  'Slack.output',
  'Slack.topic',
  'Slack.close',
  'Slack.update',
  'Slack.reply',
  'Slack.alert',
  'Slack.file',
  'Slack.checkpoint',
  'NATS.blob',
  'NATS.checkpoint'
] as const
export type OutboxKind = (typeof OUTBOX_KINDS)[number]
