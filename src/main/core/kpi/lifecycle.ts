import type { IncidentStatus } from '../../../shared/domain'

/** One event of an incident, as much as the KPIs need of it. */
export interface LifeEvent {
  type: string
  at: number
  actorId: string
  /** The status an incident.updated set, if it set one. */
  status?: string | null
}

export interface Lifecycle {
  openedAt: number
  /** The first thing an analyst did after opening (wrote, ran a command, changed a field, marked a line). */
  acknowledgedAt: number | null
  containedAt: number | null
  resolvedAt: number | null
  closedAt: number | null
  /** Time spent in each status up to `until` (closed is the end and is not counted). */
  statusMs: Partial<Record<IncidentStatus, number>>
}

const ACTIONS = new Set(['message.posted', 'command.started', 'command.confirmed', 'incident.updated', 'message.marked'])
const ORDER: IncidentStatus[] = ['new', 'investigating', 'contained', 'resolved', 'closed']

/** People act; Virgil's own actors (system, system:alerts, system:notify) do not acknowledge anything. */
export function isHumanActor(actorId: string): boolean {
  return actorId !== 'system' && !actorId.startsWith('system:')
}

/** The running state of the fold, as kept between calls (and stored by the milestones table). */
export interface LifeState {
  life: Lifecycle
  status: IncidentStatus
  since: number
}

export function startLife(openedAt: number): LifeState {
  return { life: { openedAt, acknowledgedAt: null, containedAt: null, resolvedAt: null, closedAt: null, statusMs: {} }, status: 'new', since: openedAt }
}

/**
 * One event (in log order) into the fold. Reaching a later status counts as reaching the earlier
 * ones too: an incident resolved straight from investigating was contained then.
 */
export function stepLife(s: LifeState, e: LifeEvent): void {
  const out = s.life
  if (out.acknowledgedAt === null && ACTIONS.has(e.type) && isHumanActor(e.actorId)) out.acknowledgedAt = Math.max(e.at, out.openedAt)
  if (e.type !== 'incident.updated' || !e.status || !ORDER.includes(e.status as IncidentStatus) || e.status === s.status) return
  const next = e.status as IncidentStatus
  addTime(out, s.status, Math.max(0, e.at - s.since))
  s.status = next
  s.since = e.at
  const rank = ORDER.indexOf(next)
  if (rank >= 2 && out.containedAt === null) out.containedAt = e.at
  if (rank >= 3 && out.resolvedAt === null) out.resolvedAt = e.at
  if (rank >= 4 && out.closedAt === null) out.closedAt = e.at
}

/** The milestones as of `until`: the current status counts up to then (the state is not changed). */
export function lifeUntil(s: LifeState, until: number): Lifecycle {
  const out = { ...s.life, statusMs: { ...s.life.statusMs } }
  addTime(out, s.status, Math.max(0, until - s.since))
  return out
}

/** Folds an incident's events (in log order) into its milestones. */
export function lifecycle(openedAt: number, events: Iterable<LifeEvent>, until: number): Lifecycle {
  const s = startLife(openedAt)
  for (const e of events) stepLife(s, e)
  return lifeUntil(s, until)
}

function addTime(l: Lifecycle, status: IncidentStatus, ms: number): void {
  if (status === 'closed') return
  l.statusMs[status] = (l.statusMs[status] ?? 0) + ms
}
