import type { EventPayload } from '../log/events'

const LABELS: Record<string, string> = {
  title: 'title',
  status: 'status',
  leader: 'investigation leader',
  members: 'members',
  impact: 'impact',
  urgency: 'urgency',
  conditions: 'high-priority conditions',
  priority: 'priority'
}

const show = (v: unknown): string => (Array.isArray(v) ? (v.length ? v.join(', ') : 'none') : String(v))

/** "Ana changed status from new to investigating; priority from P3 to P2". */
export function describeChanges(actorName: string, payload: EventPayload<'incident.updated'>): string {
  const changes: Record<string, unknown> = payload.changes
  const before = payload.before ?? {}
  const parts = Object.keys(changes)
    .filter((k) => k in LABELS)
    .map((k) => (k in before ? `${LABELS[k]} from ${show(before[k])} to ${show(changes[k])}` : `${LABELS[k]} to ${show(changes[k])}`))
  if (typeof payload.reason === 'string' && changes.status !== undefined && before.status === 'closed') {
    return `${actorName} reopened the incident (status to ${show(changes.status)}): ${payload.reason}`
  }
  return `${actorName} changed ${parts.join('; ')}`
}
