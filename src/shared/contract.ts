import { z } from 'zod'
import type {
  CommandInfo,
  Incident,
  Message,
  SearchHit,
  ServiceStatus,
  Session,
  Suggestions
} from './domain'
import { INCIDENT_STATUSES, INTAKE_SOURCES } from './domain'
import { CHAT_TEXT_MAX, UPLOAD_CHUNK_BASE64_MAX } from './evidence'
import { SECRET_NAMES, settingsSchema, type SettingsView } from './settings'
import { CHANNEL_NAMES, EVENT_NAMES, isChannel, isEventName, type ChannelName, type EventNameLiteral } from './channel-names'

export { CHANNEL_NAMES, EVENT_NAMES, isChannel, isEventName }

/**
 * The one IPC contract. Every request channel has an input schema (parsed before any handler runs)
 * and an output type; every pushed event has a payload type. Both transports (Electron IPC and the
 * serve-mode WebSocket) carry exactly these names.
 */
const id = z.string().trim().min(1, 'is required').max(64)
const level = z.enum(['high', 'medium', 'low'])
const conditions = z.array(z.enum(['spreading', 'work-blocked', 'vip', 'escalation-risk'])).max(4)
const names = z.array(z.string().trim().min(1).max(80)).max(50)

const out = <T>() => z.custom<T>(() => true)

export const channels = {
  'session:get': { input: z.object({}).strict(), output: out<Session>() },
  'incident:list': {
    input: z.object({ scope: z.enum(['open', 'closed', 'all']).default('all') }).strict(),
    output: out<Incident[]>()
  },
  'incident:get': { input: z.object({ id }).strict(), output: out<Incident>() },
  'incident:create': {
    input: z
      .object({
        title: z.string().trim().min(3, 'needs at least 3 characters').max(200),
        description: z.string().trim().max(20_000).default(''),
        source: z.enum(INTAKE_SOURCES),
        leader: z.string().trim().min(1, 'is required: every incident needs an investigation leader').max(80),
        impact: level,
        urgency: level,
        conditions: conditions.default([]),
        members: names.default([])
      })
      .strict(),
    output: out<Incident>()
  },
  'incident:update': {
    input: z
      .object({
        id,
        title: z.string().trim().min(3).max(200).optional(),
        status: z.enum(INCIDENT_STATUSES).optional(),
        leader: z.string().trim().min(1).max(80).optional(),
        members: names.optional(),
        impact: level.optional(),
        urgency: level.optional(),
        conditions: conditions.optional()
      })
      .strict(),
    output: out<Incident>()
  },
  'timeline:get': {
    input: z
      .object({ incidentId: id, beforeSeq: z.number().int().positive().optional(), limit: z.number().int().min(1).max(2000).default(500) })
      .strict(),
    output: out<{ items: Message[]; hasMore: boolean }>()
  },
  'chat:send': {
    input: z
      .object({
        incidentId: id,
        text: z.string().max(CHAT_TEXT_MAX, `is longer than ${CHAT_TEXT_MAX.toLocaleString('en')} characters: attach it as a file instead`).refine((s) => s.trim().length > 0, 'is empty'),
        replyTo: id.optional(),
        suggestionRank: z.number().int().min(1).max(20).optional()
      })
      .strict(),
    output: out<Message>()
  },
  'message:mark': {
    input: z.object({ messageId: id, mark: z.enum(['note', 'evidence']).nullable() }).strict(),
    output: out<Message>()
  },
  'command:confirm': {
    input: z.object({ runId: id, confirm: z.boolean() }).strict(),
    output: out<Message>()
  },
  'command:list': { input: z.object({}).strict(), output: out<CommandInfo[]>() },
  'suggest:get': { input: z.object({ incidentId: id }).strict(), output: out<Suggestions>() },
  'suggest:stats': {
    input: z.object({}).strict(),
    output: out<{
      total: { runs: number; fromSuggestion: number }
      byCommand: { command: string; runs: number; fromSuggestion: number }[]
      byWeek: { week: string; runs: number; fromSuggestion: number }[]
    }>()
  },
  'search:query': {
    input: z.object({ query: z.string().trim().min(2, 'needs at least 2 characters').max(200), limit: z.number().int().min(1).max(200).default(50) }).strict(),
    output: out<SearchHit[]>()
  },
  'settings:get': { input: z.object({}).strict(), output: out<SettingsView>() },
  'settings:update': {
    input: z.object({ patch: settingsSchema.partial() }).strict(),
    output: out<SettingsView>()
  },
  'secret:set': {
    input: z.object({ name: z.enum(SECRET_NAMES), value: z.string().max(4096).nullable() }).strict(),
    output: out<SettingsView>()
  },
  'status:get': { input: z.object({}).strict(), output: out<ServiceStatus[]>() },
  'incident:export': {
    input: z.object({ id }).strict(),
    output: out<{ fileName: string; json: string; chainOk: boolean }>()
  },
  'upload:begin': {
    input: z
      .object({
        incidentId: id,
        name: z.string().min(1, 'needs a file name').max(1024),
        size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
        asNote: z.boolean().optional()
      })
      .strict(),
    output: out<{ uploadId: string; chunkBytes: number; limitBytes: number }>()
  },
  'upload:chunk': {
    input: z
      .object({
        uploadId: id,
        index: z.number().int().min(0).max(1_000_000),
        data: z
          .string()
          .min(1, 'is empty')
          .max(UPLOAD_CHUNK_BASE64_MAX, 'is larger than one 512 KiB part')
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'is not base64')
      })
      .strict(),
    output: out<{ received: number }>()
  },
  'upload:finish': { input: z.object({ uploadId: id }).strict(), output: out<Message>() },
  'upload:abort': { input: z.object({ uploadId: id }).strict(), output: out<{ aborted: true }>() }
} as const satisfies Record<ChannelName, { input: z.ZodType; output: z.ZodType }>

export type Channel = keyof typeof channels
// Both lists name the same channels and events; a drift is a compile error here.
const _channelsMatch: [Channel] extends [ChannelName] ? ([ChannelName] extends [Channel] ? true : never) : never = true
void _channelsMatch
export type ChannelInput<C extends Channel> = z.input<(typeof channels)[C]['input']>
export type ParsedInput<C extends Channel> = z.output<(typeof channels)[C]['input']>
export type ChannelOutput<C extends Channel> = z.output<(typeof channels)[C]['output']>

export interface EventPayloads {
  'incident:changed': Incident
  'message:added': Message
  'message:changed': Message
  /** `open` is set when the analyst clicked the desktop notification for it. */
  'alert:raised': { incidentId: string; number: string; title: string; priority: string; body: string; open?: boolean }
  'status:changed': ServiceStatus[]
}
export type EventName = keyof EventPayloads
const _eventsMatch: [EventName] extends [EventNameLiteral] ? ([EventNameLiteral] extends [EventName] ? true : never) : never = true
void _eventsMatch
