import type { CommandOutput } from './command-output'
import type { ErrorInfo } from './errors'
import type { EvidenceView } from './evidence'
import type { UserRef } from './user'

export const INCIDENT_STATUSES = ['new', 'investigating', 'contained', 'resolved', 'closed'] as const
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number]

export const INTAKE_SOURCES = ['email', 'ticket', 'phone', 'self-observed', 'walk-in', 'alert'] as const
export type IntakeSource = (typeof INTAKE_SOURCES)[number]

export const INTAKE_LABELS: Record<IntakeSource, string> = {
  email: 'Email',
  ticket: 'Ticket',
  phone: 'Phone call',
  'self-observed': 'Self-observed',
  'walk-in': 'Walk-in',
  alert: 'Alert'
}

export type Level = 'high' | 'medium' | 'low'
export type Priority = 'P1' | 'P2' | 'P3' | 'P4' | 'P5'

export type { UserRef }

export interface TicketRef {
  system: 'servicenow' | 'local'
  number: string
  link?: string
}

export interface Incident {
  id: string
  number: string
  title: string
  description: string
  source: IntakeSource
  leader: string
  members: string[]
  impact: Level
  urgency: Level
  conditions: string[]
  priority: Priority
  status: IncidentStatus
  openedAt: number
  openedBy: UserRef
  updatedAt: number
  /** Set while the incident is closed, which archives it: read-only until a lead reopens it. */
  closedAt?: number
  ticket?: TicketRef
  slackChannel?: string
  messageCount: number
  /** Groups that alone may see it; absent when the whole team may. */
  restrictedGroups?: string[]
}

export type MessageKind = 'chat' | 'system' | 'command' | 'evidence'
export type Mark = 'note' | 'evidence'
export type RunStatus = 'running' | 'ok' | 'error' | 'interrupted' | 'awaiting-confirmation' | 'cancelled'

export interface CommandRunView {
  runId: string
  line: string
  status: RunStatus
  danger: 'safe' | 'dangerous'
  startedAt: number
  finishedAt?: number
  durationMs?: number
  output?: CommandOutput
  error?: ErrorInfo
  confirmedBy?: string
}

export interface Message {
  id: string
  incidentId: string
  seq: number
  /** Grows with every change; a client keeps the copy with the highest rev. */
  rev: number
  at: number
  author: UserRef
  kind: MessageKind
  text: string
  via: 'app' | 'slack' | 'alert' | 'system'
  mark?: Mark
  replyTo?: string
  editedAt?: number
  deleted?: boolean
  command?: CommandRunView
  evidence?: EvidenceView
}

export interface CommandInfo {
  path: string[]
  usage: string
  summary: string
  examples: string[]
  danger: 'safe' | 'dangerous'
}

/** Which evidence a suggestion's reason names; acceptance is counted per kind. */
export const SUGGESTION_KINDS = ['similar-next', 'similar-any', 'repeat', 'transition', 'popular', 'prior'] as const
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number]

export interface SuggestedCommand {
  command: string
  /** The line to put in the chat input (`!cmd args`), arguments pre-filled where possible. */
  line: string
  /** Why it is suggested, in words; true of the evidence behind it. */
  reason: string
  kind: SuggestionKind
  /** How many past observations back the reason. */
  support: number
  score: number
}

export type SuggestionOutcome = 'taken' | 'dismissed' | 'ignored'

export interface SuggestionStats {
  /** Every command run, and how many came from a click on a suggestion. */
  total: { runs: number; fromSuggestion: number }
  byCommand: { command: string; runs: number; fromSuggestion: number }[]
  byWeek: { week: string; runs: number; fromSuggestion: number }[]
  /** Suggestions shown and what became of them, per kind. */
  byKind: { kind: SuggestionKind; shown: number; taken: number; dismissed: number; ignored: number; pending: number }[]
}

export interface Suggestions {
  next: SuggestedCommand[]
  flow: { steps: { command: string; done: boolean }[]; basedOn: string[] }
  similar: { id: string; number: string; title: string; score: number; status: IncidentStatus }[]
  experts: { name: string; count: number }[]
}

export type ServiceState = 'ok' | 'degraded' | 'down' | 'off'

export interface ServiceStatus {
  name: string
  state: ServiceState
  detail: string
  pending: number
}

export const SEARCH_KINDS = ['chat', 'command', 'note', 'evidence', 'system'] as const
export type SearchKind = (typeof SEARCH_KINDS)[number]

export interface SearchHit {
  incidentId: string
  number: string
  title: string
  messageId?: string
  kind?: SearchKind
  isArchived?: boolean
  /** Matched words sit between \u0002 and \u0003. */
  snippet: string
  at: number
}

export interface SearchFilters {
  scope?: 'all' | 'live' | 'archived'
  priorities?: Priority[]
  sources?: IntakeSource[]
  kinds?: SearchKind[]
  leader?: string
  incidentId?: string
  from?: number
  to?: number
}

export interface SearchResult {
  hits: SearchHit[]
  /** Set when the query could not run as written and ran as plain words instead. */
  notice?: string
}

export interface Session {
  user: UserRef & { role: 'analyst' | 'lead' | 'viewer'; handle?: string; groups?: string[] }
  /** Set until the person at this workstation said who they are (first run). */
  identity?: { needed: true; suggestedName?: string }
  origin: string
  mode: 'desktop' | 'serve'
  version: string
  /** Set when this window shows a portable archive opened read-only. */
  archive?: OpenedArchive
}

export interface Verification {
  ok: boolean
  events: number
  /** "Verified: …" or "Does not verify: event N …". */
  headline: string
  problems: string[]
  sealedAt?: number
  fingerprint?: string
}

export interface OpenedArchive {
  file: string
  number: string
  verification: Verification
}

export interface ArchiveFilters {
  closedFrom?: number
  closedTo?: number
  priorities?: Priority[]
  sources?: IntakeSource[]
  leader?: string
  member?: string
  /** A status the incident passed through, e.g. contained. */
  status?: IncidentStatus
  indicator?: string
  command?: string
  sort?: 'closed' | 'opened' | 'priority' | 'number' | 'duration'
  direction?: 'asc' | 'desc'
}

export interface ArchivedIncident {
  id: string
  number: string
  title: string
  priority: Priority
  source: IntakeSource
  leader: string
  members: string[]
  openedAt: number
  closedAt: number
  messageCount: number
}
