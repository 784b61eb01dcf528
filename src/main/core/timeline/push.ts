import type { Db } from '../db/open-db'
import type { EventBus } from '../event-bus'
import type { LogEvent } from '../log/event'
import type { EventLog } from '../log/event-log'
import { typed } from '../log/events'
import { getMessage, getMessageByRun } from '../chat/message-repo'
import { findIncident } from '../incidents/incident-repo'

const CREATES_MESSAGE = new Set(['incident.restricted', 'incident.opened', 'incident.updated', 'message.posted', 'system.noted', 'command.started', 'ticket.created', 'evidence.added', 'evidence.rejected'])
const CHANGES_INCIDENT = new Set(['incident.restricted', 'incident.opened', 'incident.updated', 'ticket.created', 'slack.linked'])

/** The one place committed events become UI events, so every room sees every change as it lands. */
export function pushCommittedEvents(db: Db, log: EventLog, bus: EventBus, hidden?: () => ReadonlySet<string>): () => void {
  return log.onCommit((events) => publish(db, bus, events, hidden?.()))
}

/**
 * A commit with more new lines than this (a workstation catching up after an outage) tells each room
 * it touched to fetch its newest page once instead of pushing every line: reading each line back and
 * rendering it one by one cost catch-up time and froze the open room.
 */
export const COALESCE_LINES = 50

/** Incidents hidden from this workstation's person (restricted to other groups) push nothing. */
export function publish(db: Db, bus: EventBus, events: LogEvent[], hidden: ReadonlySet<string> = new Set()): void {
  const incidents = new Set<string>()
  const stale = roomsWithBursts(events)
  for (const id of stale) if (!hidden.has(id)) bus.emit('timeline:stale', { incidentId: id })
  for (const e of events) {
    if (e.incidentId && hidden.has(e.incidentId)) {
      if (e.type === 'incident.restricted') bus.emit('incident:hidden', { id: e.incidentId })
      continue
    }
    if (e.incidentId && (CHANGES_INCIDENT.has(e.type) || CREATES_MESSAGE.has(e.type))) incidents.add(e.incidentId)
    if (e.incidentId && stale.has(e.incidentId)) continue
    if (CREATES_MESSAGE.has(e.type)) {
      const m = getMessage(db, e.id)
      if (m) bus.emit('message:added', m)
    } else {
      const m = changedMessage(db, e)
      if (m) bus.emit('message:changed', m)
    }
  }
  for (const id of incidents) {
    const incident = findIncident(db, id)
    if (incident) bus.emit('incident:changed', incident)
  }
}

function roomsWithBursts(events: LogEvent[]): Set<string> {
  const rooms = new Set<string>()
  if (events.length <= COALESCE_LINES) return rooms
  let lines = 0
  for (const e of events) {
    if (!e.incidentId || !CREATES_MESSAGE.has(e.type)) continue
    lines++
    rooms.add(e.incidentId)
  }
  return lines > COALESCE_LINES ? rooms : new Set()
}

/** The room line an event changed in place: a message (mark, edit, delete) or a command's run. */
function changedMessage(db: Db, event: LogEvent): ReturnType<typeof getMessage> {
  const e = typed(event)
  switch (e?.type) {
    case 'message.marked':
    case 'message.edited':
    case 'message.deleted':
      return getMessage(db, e.payload.messageId)
    case 'command.confirmed':
    case 'command.finished':
      return getMessageByRun(db, e.payload.runId)
    default:
      return undefined
  }
}
