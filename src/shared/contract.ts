import { z } from 'zod'
import type {
  ArchivedIncident,
  CommandInfo,
  Incident,
  Message,
  SearchResult,
  ServiceStatus,
  Session,
  SuggestionStats,
  Suggestions,
  Verification
} from './domain'
import { INCIDENT_STATUSES, INTAKE_SOURCES, SEARCH_KINDS } from './domain'

import { MAX_LINE_BYTES, sizeWords, utf8Bytes } from './limits'

import type { KpiReport } from './kpi'
import { UPLOAD_CHUNK_BASE64_MAX } from './evidence'
import { SECRET_NAMES, settingsSchema, type SettingsView } from './settings'
import { ROLES, type RosterEntry } from './team'
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

const personName = z.string().trim().min(1, 'is required').max(80)
const handle = z.string().trim().min(2, 'needs at least 2 characters').max(40).regex(/^[A-Za-z0-9._-]+$/, 'may hold letters, digits, dots, dashes and underscores only')
const group = z.string().trim().toLowerCase().min(1).max(40).regex(/^[a-z0-9_-]+$/, 'names a group with letters, digits, dashes and underscores only (it becomes part of a NATS subject)')
const slackUser = z.string().trim().regex(/^[UW][A-Z0-9]{2,}$/, 'is not a Slack user id (like U024BE7LH)')

const out = <T>() => z.custom<T>(() => true)
const priority = z.enum(['P1', 'P2', 'P3', 'P4', 'P5'])
const time = z.number().int().min(0).max(8.64e15)
const searchFilters = z
  .object({
    scope: z.enum(['all', 'live', 'archived']).optional(),
    priorities: z.array(priority).max(5).optional(),
    sources: z.array(z.enum(INTAKE_SOURCES)).max(6).optional(),
    kinds: z.array(z.enum(SEARCH_KINDS)).max(5).optional(),
    leader: z.string().trim().min(1).max(80).optional(),
    incidentId: id.optional(),
    from: time.optional(),
    to: time.optional()
  })
  .strict()
const archiveFilters = z
  .object({
    closedFrom: time.optional(),
    closedTo: time.optional(),
    priorities: z.array(priority).max(5).optional(),
    sources: z.array(z.enum(INTAKE_SOURCES)).max(6).optional(),
    leader: z.string().trim().min(1).max(80).optional(),
    member: z.string().trim().min(1).max(80).optional(),
    status: z.enum(INCIDENT_STATUSES).optional(),
    indicator: z.string().trim().min(1).max(2048).optional(),
    command: z.string().trim().min(1).max(80).optional(),
    sort: z.enum(['closed', 'opened', 'priority', 'number', 'duration']).optional(),
    direction: z.enum(['asc', 'desc']).optional()
  })
  .strict()

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
        members: names.default([]),
        /** Leads only: restricted from its first event (nothing of it ever travels on the open subject). */
        restrictedGroups: z.array(group).max(20).default([])
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
        text: z
          .string()
          .max(MAX_LINE_BYTES, `is longer than ${sizeWords(MAX_LINE_BYTES)}; attach it as a file instead`)
          .refine((s) => s.trim().length > 0, 'is empty')
          .refine((s) => utf8Bytes(s) <= MAX_LINE_BYTES, `is longer than ${sizeWords(MAX_LINE_BYTES)}; attach it as a file instead`),
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
  'suggest:stats': { input: z.object({}).strict(), output: out<SuggestionStats>() },
  /** The analyst dismissed a suggestion shown for this incident (counted in acceptance by kind). */
  'suggest:dismiss': {
    input: z.object({ incidentId: id, command: z.string().trim().min(1, 'is required').max(80) }).strict(),
    output: out<{ dismissed: boolean }>()
  },
  'search:query': {
    input: z
      .object({
        query: z.string().trim().min(2, 'needs at least 2 characters').max(500),
        limit: z.number().int().min(1).max(200).default(50),
        filters: searchFilters.default({})
      })
      .strict(),
    output: out<SearchResult>()
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
  'incident:reopen': {
    input: z.object({ id, reason: z.string().trim().min(3, 'needs a reason of at least 3 characters: reopening is recorded').max(2000) }).strict(),
    output: out<Incident>()
  },
  'archive:list': {
    input: z.object({ filters: archiveFilters.default({}), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    output: out<{ rows: ArchivedIncident[]; total: number }>()
  },
  'archive:timeline': { input: z.object({ id }).strict(), output: out<Message[]>() },
  'archive:verify': { input: z.object({ id }).strict(), output: out<Verification>() },
  'archive:export': {
    input: z.object({ id }).strict(),
    output: out<{ fileName: string; base64: string; events: number; verification: Verification }>()
  },
  'report:render': {
    input: z.object({ id, format: z.enum(['html', 'md', 'pdf']) }).strict(),
    output: out<{ fileName: string; mime: string; text?: string; base64?: string }>()
  },
  'kpi:get': {
    input: z
      .object({ from: z.number().int().min(0), to: z.number().int().min(1) })
      .strict()
      .refine((r) => r.to > r.from, { message: 'must end after it starts', path: ['to'] })
      .refine((r) => r.to - r.from <= 3 * 366 * 86_400_000, { message: 'may span at most three years', path: ['to'] }),
    output: out<KpiReport>()
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
  'upload:abort': { input: z.object({ uploadId: id }).strict(), output: out<{ aborted: true }>() },
  /** First run (and later renames): who sits at this workstation. */
  'identity:set': { input: z.object({ name: personName, handle }).strict(), output: out<Session>() },
  'roster:list': { input: z.object({}).strict(), output: out<RosterEntry[]>() },
  /** Leads only: add someone or change their role, groups or Slack user. */
  'roster:set': {
    input: z
      .object({ id: id.optional(), name: personName, handle, role: z.enum(ROLES), groups: z.array(group).max(20).default([]), slackUserId: slackUser.optional() })
      .strict(),
    output: out<RosterEntry[]>()
  },
  /** Leads only: only members of these groups see the incident (an empty list lifts it). */
  'incident:restrict': { input: z.object({ id, groups: z.array(group).max(20) }).strict(), output: out<Incident>() }
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
  /** The incident was restricted to groups this person is not in: drop it from view. */
  'incident:hidden': { id: string }
  /** Many lines landed at once in this room (catching up): fetch its newest page instead of one by one. */
  'timeline:stale': { incidentId: string }
}
export type EventName = keyof EventPayloads
const _eventsMatch: [EventName] extends [EventNameLiteral] ? ([EventNameLiteral] extends [EventName] ? true : never) : never = true
void _eventsMatch
