import type { IncidentStatus, IntakeSource, Priority, SuggestionKind } from './domain'

/** Median and 90th percentile of a duration, in ms; null when no incident got there yet. */
export interface DurationStat {
  n: number
  median: number | null
  p90: number | null
}

export interface GroupTimes {
  key: string
  incidents: number
  mtta: DurationStat
  mttc: DurationStat
  mttr: DurationStat
}

export interface SlaBreach {
  incidentId: string
  number: string
  title: string
  priority: Priority
  kind: 'ack' | 'resolve'
  targetMs: number
  /** How long it took, or how long it has waited so far when `isOpen`. */
  actualMs: number
  isOpen: boolean
}

export interface AnalystEffort {
  name: string
  led: number
  joined: number
  messages: number
  commands: number
  activeMs: number
}

export interface WeekPoint {
  /** Monday 00:00 UTC of the week, ms. */
  week: number
  opened: number
  mttaMedian: number | null
  mttrMedian: number | null
  breaches: number
}

export interface KpiReport {
  from: number
  to: number
  computedAt: number
  incidents: number
  overall: GroupTimes
  byPriority: GroupTimes[]
  bySource: GroupTimes[]
  byLeader: GroupTimes[]
  /** Mean time an incident spent in each status (closed excluded: it is the end). */
  statusTime: { status: IncidentStatus; incidents: number; meanMs: number; totalMs: number }[]
  sla: { priority: Priority; ackMinutes: number; resolveMinutes: number; incidents: number; ackBreaches: number; resolveBreaches: number }[]
  breaches: SlaBreach[]
  alerts: { received: number; duplicates: number; repeats: number; openedIncidents: number; bySource: { source: string; received: number }[] }
  analysts: AnalystEffort[]
  commands: { command: string; runs: number; errors: number }[]
  integrations: { integration: string; uses: number; failures: number }[]
  weeks: WeekPoint[]
  /** Sidebar suggestions decided in the range; a share is null when none was. Goal: 60% taken. */
  suggestions: {
    shown: number
    taken: number
    takenShare: number | null
    byKind: { kind: SuggestionKind; shown: number; taken: number; dismissed: number; ignored: number; takenShare: number | null }[]
  }
}

export type { IntakeSource }
