import { ticketLine } from '../../../shared/ticket-words'
import { isHighPriority, type Priority } from '../../../shared/priority'
import type { LogEvent } from '../log/event'
import type { OutboxDraft, Reactor } from '../log/event-log'
import { describeChanges } from '../projections/describe-change'
import type { MirrorStore } from './store'
import { payloadOf, typed, type EventPayload, type OutboxKind, type TypedEvent } from '../log/events'

/** Outbox kinds; the part before the dot is the status bar's service name. */
export const KIND = {
  channel: 'Slack.channel',
  post: 'Slack.post',
  output: 'Slack.output',
  topic: 'Slack.topic',
  close: 'Slack.close',
  update: 'Slack.update',
  reply: 'Slack.reply',
  alert: 'Slack.alert',
  file: 'Slack.file'
} as const

export type PostMode = 'chat' | 'status' | 'command'

/** Order is kept per channel: one channel per incident, so one lane per incident. */
export const laneOf = (incidentId: string) => `slack:${incidentId}`
export const ALERTS_LANE = 'slack:alerts'

const TOPIC_FIELDS = ['title', 'status', 'priority', 'leader']
const ALERT_ACTOR_ID = 'system:alerts'

export interface ReactorDeps {
  store: MirrorStore
  /** True when Slack is on and has a bot token. */
  isEnabled(): boolean
  alertsChannel(): string
  isClosed(): boolean
}

type P = Record<string, unknown>

/** Notes the mirror itself wrote, or the outbox wrote about Slack: mirroring them would loop. */
function isAboutSlack(e: LogEvent, p: EventPayload<'system.noted'>): boolean {
  return p.mirror === false || (e.actor.id === 'system' && p.text.startsWith('Slack '))
}

/**
 * Decides, inside the transaction of every local event, what Slack must see: the channel on opening,
 * room lines as they are written, command output under its command, the summary on closing. Nothing
 * that came from Slack goes back (no echo loops).
 */
export function mirrorReactor(deps: ReactorDeps): Reactor {
  return (e) => {
    if (deps.isClosed()) return []
    const linked = payloadOf(e, 'slack.linked')
    if (linked && e.incidentId) {
      deps.store.link(e.incidentId, linked.channelId, linked.channelName)
      return []
    }
    if (!deps.isEnabled()) return []
    const alert = payloadOf(e, 'alert.received')
    if (alert) return alertDrafts(deps, e, alert)
    if (!e.incidentId) return []
    const opened = payloadOf(e, 'incident.opened')
    if (opened) return openedDrafts(deps, e, opened, e.incidentId)
    if (!deps.store.room(e.incidentId)) return []
    const t = typed(e)
    return t ? roomDrafts(t, e.incidentId) : []
  }
}

function draft(kind: OutboxKind, key: string, incidentId: string | null, payload: P, lane?: string): OutboxDraft {
  return { key, kind, lane: lane ?? (incidentId ? laneOf(incidentId) : ALERTS_LANE), incidentId, payload }
}

function openedDrafts(deps: ReactorDeps, e: LogEvent, p: EventPayload<'incident.opened'>, incidentId: string): OutboxDraft[] {
  const drafts: OutboxDraft[] = []
  if (deps.store.addRoom(incidentId, Date.now())) drafts.push(draft(KIND.channel, `slack:channel:${incidentId}`, incidentId, { incidentId }))
  const priority = p.priority as Priority
  // Alert-opened incidents are announced once, by their alert.
  if (deps.alertsChannel() && isHighPriority(priority) && e.actor.id !== ALERT_ACTOR_ID) {
    const headline = `${priority} incident opened: ${p.number} ${p.title}`
    drafts.push(draft(KIND.alert, `slack:alert:${e.id}`, null, { headline, details: [`Opened by ${e.actor.name} · leader ${p.leader}`], incidentId }, ALERTS_LANE))
  }
  return drafts
}

function alertDrafts(deps: ReactorDeps, e: LogEvent, p: EventPayload<'alert.received'>): OutboxDraft[] {
  const decision = p.decision
  // Repeats of an alert already threaded into an incident carry no decision: not new, not announced.
  if (!decision || !deps.alertsChannel()) return []
  const fields = Object.entries(p.fields).slice(0, 6).map(([k, v]) => `${k}: ${v}`)
  const opened = decision.openIncident && e.incidentId ? ` · opened an incident at ${decision.priority}` : ''
  const headline = `New alert (${p.source}, severity ${p.severity}): ${p.title}${opened}`
  return [draft(KIND.alert, `slack:alert:${e.id}`, null, { headline, details: fields, incidentId: e.incidentId }, ALERTS_LANE)]
}

function roomDrafts(e: TypedEvent, incidentId: string): OutboxDraft[] {
  const author = e.actor.name
  const post = (mode: PostMode, text: string, extra: P = {}) => draft(KIND.post, `slack:${e.id}`, incidentId, { mode, text, author, eventId: e.id, ...extra })
  switch (e.type) {
    case 'message.posted':
      return e.payload.via === 'slack' ? [] : [post('chat', e.payload.text)]
    case 'system.noted':
      return isAboutSlack(e, e.payload) ? [] : [post('status', e.payload.text, { author: 'Virgil' })]
    case 'ticket.created': {
      return [post('status', ticketLine(e.payload.ticket, e.payload.found === true, true), { author: 'Virgil' })]
    }
    case 'incident.updated': {
      const changes = e.payload.changes
      // The topic goes first: on reopening it unarchives the channel the status line is posted in.
      const drafts = TOPIC_FIELDS.some((f) => f in changes) ? [draft(KIND.topic, `slack:topic:${e.id}`, incidentId, { incidentId })] : []
      drafts.push(post('status', describeChanges(author, e.payload)))
      if (changes.status === 'closed') drafts.push(draft(KIND.close, `slack:close:${e.id}`, incidentId, { incidentId, closedBy: author }))
      return drafts
    }
    case 'incident.numbered':
      // The final team number replaces a provisional one: the topic shows it, the room says so.
      return [draft(KIND.topic, `slack:topic:${e.id}`, incidentId, { incidentId }), post('status', `${e.payload.previous} is now ${e.payload.number}`, { author: 'Virgil' })]
    case 'command.started':
      // A command typed in Slack is already there; its output goes under the Slack user's own message.
      return e.payload.via === 'slack' ? [] : [post('command', e.payload.line, { runId: e.payload.runId })]
    case 'command.finished':
      return [draft(KIND.output, `slack:${e.id}`, incidentId, { runId: e.payload.runId, eventId: e.id })]
    case 'evidence.added': {
      // The uploaded file itself (an email's attachments travel inside it), once, by its event.
      const card = e.payload.card
      if (!card.hashes.sha256) return []
      return [draft(KIND.file, `slack:file:${e.id}`, incidentId, { sha256: card.hashes.sha256, name: card.name, size: card.size, author })]
    }
    case 'incident.restricted':
      // A restricted room moves to a private channel with its groups' members only.
      return e.payload.groups.length ? [draft(KIND.channel, `slack:channel:${incidentId}:${e.id}`, incidentId, { incidentId, move: true })] : []
    case 'message.edited':
      if (e.payload.via === 'slack') return []
      return [draft(KIND.update, `slack:${e.id}`, incidentId, { messageId: e.payload.messageId, text: e.payload.text })]
    case 'message.deleted':
      if (e.payload.via === 'slack') return []
      return [draft(KIND.update, `slack:${e.id}`, incidentId, { messageId: e.payload.messageId, text: null })]
    default:
      return []
  }
}
