import type { UserRef } from '../../../shared/domain'
import type { EventDraft } from '../log/event-log'

/** Local tickets (LTK0000001…) when no ServiceNow is set up: the incident still gets a ticket number. */
export function localTicketNumber(n: number): string {
  return `LTK${String(n).padStart(7, '0')}`
}

export function localTicketDraft(incidentId: string, number: string, actor: UserRef): EventDraft {
  return { type: 'ticket.created', incidentId, actor, payload: { ticket: { system: 'local', number }, at: Date.now() } }
}
