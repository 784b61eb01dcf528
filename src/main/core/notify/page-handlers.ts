import { z } from 'zod'
import { VirgilError } from '../../../shared/errors'
import { sendSms } from '../integrations/aws/sns'
import type { EventDraft } from '../log/event-log'
import type { OutboxHandler, OutboxItem } from '../outbox/outbox-worker'
import type { NotifyClients } from './clients'
import { NOTIFY_ACTOR } from './servicenow-ticket'

const smsPayload = z.object({ phone: z.string(), text: z.string() })
const emailPayload = z.object({ list: z.enum(['soc', 'exec']), to: z.array(z.string()).min(1), subject: z.string(), text: z.string() })
const LIST_NAMES = { soc: 'SOC', exec: 'executive' } as const

function parse<T>(schema: z.ZodType<T>, item: OutboxItem, service: string): T {
  const parsed = schema.safeParse(item.payload)
  if (!parsed.success) throw new VirgilError('BAD_INPUT', `This queued ${service} page is malformed and cannot be sent; page the on-call by hand.`, { service })
  return parsed.data
}

function sentNote(incidentId: string | null, channel: 'sms' | 'email', to: string, text: string): EventDraft[] {
  const at = Date.now()
  return [
    { type: 'notification.sent' as const, incidentId, actor: NOTIFY_ACTOR, payload: { channel, to, at } },
    ...(incidentId ? [{ type: 'system.noted' as const, incidentId, actor: NOTIFY_ACTOR, payload: { text, via: 'system', at } }] : [])
  ]
}

/** A page by SMS through AWS SNS. */
export function smsHandler(clients: NotifyClients): OutboxHandler {
  return {
    kind: 'SMS.send',
    service: 'SNS',
    describe: (item) => `Paging ${String(item.payload.phone ?? '')} by SMS`,
    async deliver(item) {
      const { phone, text } = parse(smsPayload, item, 'SMS')
      const { messageId } = await sendSms(clients.aws(), phone, text)
      return { outcome: { messageId, phone }, events: sentNote(item.incidentId, 'sms', phone, `Paged ${phone} by SMS.`) }
    }
  }
}

/** A page by email through SMTP, one message per list. */
export function emailHandler(clients: NotifyClients): OutboxHandler {
  return {
    kind: 'Email.send',
    service: 'Email',
    describe: (item) => `Emailing the ${LIST_NAMES[item.payload.list === 'exec' ? 'exec' : 'soc']} list`,
    async deliver(item) {
      const mail = parse(emailPayload, item, 'Email')
      const sent = await clients.mailer().sendMail({ to: mail.to, subject: mail.subject, text: mail.text })
      const who = `the ${LIST_NAMES[mail.list]} list (${sent.accepted.length} of ${mail.to.length} accepted)`
      return {
        outcome: { messageId: sent.messageId, accepted: sent.accepted, rejected: sent.rejected },
        events: sentNote(item.incidentId, 'email', mail.list, `Emailed ${who}.`)
      }
    }
  }
}
