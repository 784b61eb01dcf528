import { z } from 'zod'
import { VirgilError } from '../../../shared/errors'
import type { OutboxDraft } from '../log/event-log'
import type { OutboxHandler } from '../outbox/outbox-worker'
import type { SettingsService } from '../settings/settings-service'
import type { NotifyClients } from './clients'

export const NOTIFY_ACTOR = { id: 'system:notify', name: 'Virgil' }
const LANES = 4

const level = z.union([z.literal(1), z.literal(2), z.literal(3)])
const ticketPayload = z.object({
  correlationId: z.string().min(1),
  number: z.string(),
  shortDescription: z.string(),
  description: z.string(),
  impact: level,
  urgency: level
})
export type TicketPayload = z.infer<typeof ticketPayload>

/** ServiceNow's 1 high, 2 medium, 3 low. */
export const SNOW_LEVEL = { high: 1, medium: 2, low: 3 } as const

/** One outbox item per alert; tickets spread over a few lanes so a burst is filed in parallel. */
export function ticketDraft(incidentId: string, payload: TicketPayload): OutboxDraft {
  const lane = `servicenow:${payload.correlationId.charCodeAt(payload.correlationId.length - 1) % LANES}`
  return { key: `ticket:${payload.correlationId}`, kind: 'ServiceNow.ticket', lane, incidentId, payload }
}

/**
 * Files the ServiceNow incident. The correlation id is the alert id and the client looks before it
 * creates, so a retry after a timeout never files a second ticket.
 */
export function serviceNowTicketHandler(clients: NotifyClients, settings: SettingsService): OutboxHandler {
  return {
    kind: 'ServiceNow.ticket',
    service: 'ServiceNow',
    describe: (item) => `Filing the ServiceNow ticket for ${String(item.payload.number ?? 'this incident')}`,
    async deliver(item) {
      const parsed = ticketPayload.safeParse(item.payload)
      if (!parsed.success) throw new VirgilError('BAD_INPUT', 'This queued ticket is malformed and cannot be filed; open the ticket by hand.', { service: 'ServiceNow' })
      const t = parsed.data
      const group = settings.current().servicenow.assignmentGroup
      const ticket = await clients.serviceNow().createIncidentOnce({
        shortDescription: `${t.number} ${t.shortDescription}`,
        description: t.description,
        impact: t.impact,
        urgency: t.urgency,
        correlationId: t.correlationId,
        ...(group ? { assignmentGroup: group } : {})
      })
      return {
        outcome: { number: ticket.number, sysId: ticket.sysId, created: ticket.created },
        events: [
          {
            type: 'ticket.created',
            incidentId: item.incidentId,
            actor: NOTIFY_ACTOR,
            payload: { ticket: { system: 'servicenow', number: ticket.number, link: ticket.link }, found: !ticket.created, at: Date.now() }
          }
        ]
      }
    }
  }
}
