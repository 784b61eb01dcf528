import type { CommandOutput } from './command-output'
import type { ErrorInfo } from './errors'
import type { EvidenceView } from './evidence'

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

export interface UserRef {
  id: string
  name: string
}

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
  ticket?: TicketRef
  slackChannel?: string
  messageCount: number
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

export interface SuggestedCommand {
  command: string
  /** The line to put in the chat input, arguments pre-filled where possible. */
  line: string
  reason: string
  score: number
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

export interface SearchHit {
  incidentId: string
  number: string
  title: string
  messageId?: string
  snippet: string
  at: number
}

export interface Session {
  user: UserRef & { role: 'analyst' | 'lead' | 'viewer' }
  origin: string
  mode: 'desktop' | 'serve'
  version: string
}
