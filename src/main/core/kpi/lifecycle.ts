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

/**
 * Folds an incident's events (in log order) into its milestones. Reaching a later status counts as
 * reaching the earlier ones too: an incident resolved straight from investigating was contained then.
 */
export function lifecycle(openedAt: number, events: Iterable<LifeEvent>, until: number): Lifecycle {
  const out: Lifecycle = { openedAt, acknowledgedAt: null, containedAt: null, resolvedAt: null, closedAt: null, statusMs: {} }
  let status: IncidentStatus = 'new'
  let since = openedAt
  for (const e of events) {
    if (out.acknowledgedAt === null && ACTIONS.has(e.type) && isHumanActor(e.actorId)) out.acknowledgedAt = Math.max(e.at, openedAt)
    if (e.type !== 'incident.updated' || !e.status || !ORDER.includes(e.status as IncidentStatus) || e.status === status) continue
    const next = e.status as IncidentStatus
    addTime(out, status, Math.max(0, e.at - since))
    status = next
    since = e.at
    const rank = ORDER.indexOf(next)
    if (rank >= 2 && out.containedAt === null) out.containedAt = e.at
    if (rank >= 3 && out.resolvedAt === null) out.resolvedAt = e.at
    if (rank >= 4 && out.closedAt === null) out.closedAt = e.at
  }
  addTime(out, status, Math.max(0, until - since))
  return out
}

function addTime(l: Lifecycle, status: IncidentStatus, ms: number): void {
  if (status === 'closed') return
  l.statusMs[status] = (l.statusMs[status] ?? 0) + ms
}
