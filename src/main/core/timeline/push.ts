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

/** Incidents hidden from this workstation's person (restricted to other groups) push nothing. */
export function publish(db: Db, bus: EventBus, events: LogEvent[], hidden: ReadonlySet<string> = new Set()): void {
  const incidents = new Set<string>()
  for (const e of events) {
    if (e.incidentId && hidden.has(e.incidentId)) {
      if (e.type === 'incident.restricted') bus.emit('incident:hidden', { id: e.incidentId })
      continue
    }
    if (e.incidentId && (CHANGES_INCIDENT.has(e.type) || CREATES_MESSAGE.has(e.type))) incidents.add(e.incidentId)
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
