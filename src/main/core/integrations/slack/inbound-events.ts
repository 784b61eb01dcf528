import { z } from 'zod'
import { slackMessageSchema, VIRGIL_EVENT_TYPE, type SlackMessage } from './slack-message'

export interface InboundMessage {
  channel: string
  ts: string
  user: string
  text: string
  threadTs?: string
}

export interface InboundEdit {
  channel: string
  ts: string
  user: string
  text: string
  editedTs: string
}

export interface InboundDelete {
  channel: string
  ts: string
}

export type InboundEvent =
  | ({ kind: 'message' } & InboundMessage)
  | ({ kind: 'edit' } & InboundEdit)
  | ({ kind: 'delete' } & InboundDelete)

export interface SelfIdentity {
  botUserId: string
  botId: string
}

/** Subtypes that are people talking; joins, topic changes, bot posts and the like are not mirrored. */
const USER_SUBTYPES = new Set([undefined, 'thread_broadcast', 'file_share', 'me_message'])

const messageEventSchema = slackMessageSchema.extend({
  type: z.literal('message'),
  channel: z.string(),
  message: slackMessageSchema.optional(),
  previous_message: slackMessageSchema.optional(),
  deleted_ts: z.string().optional()
})

/** True for anything Virgil itself posted, so mirroring never echoes back into the room. */
export function isOwnMessage(message: SlackMessage, self: SelfIdentity): boolean {
  return (
    (self.botId !== '' && message.bot_id === self.botId) ||
    (self.botUserId !== '' && message.user === self.botUserId) ||
    message.subtype === 'bot_message' ||
    message.metadata?.event_type === VIRGIL_EVENT_TYPE
  )
}

function asMessage(channel: string, message: SlackMessage, self: SelfIdentity): InboundEvent | null {
  if (!USER_SUBTYPES.has(message.subtype) || isOwnMessage(message, self) || !message.user) return null
  const threadTs = message.thread_ts && message.thread_ts !== message.ts ? message.thread_ts : undefined
  return { kind: 'message', channel, ts: message.ts, user: message.user, text: message.text ?? '', ...(threadTs ? { threadTs } : {}) }
}

/** Normalises a Slack `message` event (Events API payload.event) into what the room understands. */
export function normalizeMessageEvent(raw: unknown, self: SelfIdentity): InboundEvent | null {
  const parsed = messageEventSchema.safeParse(raw)
  if (!parsed.success) return null
  const event = parsed.data
  if (event.subtype === 'message_changed') {
    const current = event.message
    if (!current || !current.user || isOwnMessage(current, self)) return null
    // Slack also sends message_changed when it unfurls a link; only a changed text is an edit.
    if (event.previous_message && event.previous_message.text === current.text) return null
    return { kind: 'edit', channel: event.channel, ts: current.ts, user: current.user, text: current.text ?? '', editedTs: current.edited?.ts ?? event.ts }
  }
  if (event.subtype === 'message_deleted') {
    if (event.previous_message && isOwnMessage(event.previous_message, self)) return null
    return { kind: 'delete', channel: event.channel, ts: event.deleted_ts ?? event.previous_message?.ts ?? event.ts }
  }
  return asMessage(event.channel, event, self)
}

/** Normalises a message read from conversations.history (which carries no channel of its own). */
export function normalizeHistoryMessage(channel: string, message: SlackMessage, self: SelfIdentity): InboundEvent | null {
  return asMessage(channel, message, self)
}

/** Remembers recently seen events so a redelivered envelope or a poll overlap is handled once. */
export function createSeenSet(capacity = 10_000) {
  const seen = new Set<string>()
  return {
    /** True the first time a key is offered. */
    add(key: string): boolean {
      if (seen.has(key)) return false
      seen.add(key)
      if (seen.size > capacity) {
        const oldest = seen.values().next().value
        if (oldest !== undefined) seen.delete(oldest)
      }
      return true
    }
  }
}

export function dedupKey(event: InboundEvent): string {
  if (event.kind === 'edit') return `edit:${event.channel}:${event.ts}:${event.editedTs}`
  if (event.kind === 'delete') return `delete:${event.channel}:${event.ts}`
  return `message:${event.channel}:${event.ts}`
}
