import { isHighPriority, prioritySchema, type Priority } from '../../../shared/priority'
import type { Settings } from '../../../shared/settings'
import type { Db } from '../db/open-db'
import type { OutboxDraft, Reactor } from '../log/event-log'
import { incidentSummary } from '../incidents/incident-repo'

export interface Page {
  incidentId: string
  /** Each recipient's idempotency key is `${keyPrefix}:${recipient}`, so a page goes out once. */
  keyPrefix: string
  sms: string
  subject: string
  email: string
}

const SMS_MAX = 320

/** SMS to every SOC and executive phone, one email to each list: outbox items in the caller's transaction. */
export function pageDrafts(lists: Settings['notify'], page: Page): OutboxDraft[] {
  const drafts: OutboxDraft[] = []
  const sms = page.sms.length > SMS_MAX ? `${page.sms.slice(0, SMS_MAX - 1)}…` : page.sms
  for (const phone of new Set([...lists.socPhones, ...lists.execPhones])) {
    drafts.push({ key: `${page.keyPrefix}:${phone}`, kind: 'SMS.send', lane: 'sms', incidentId: page.incidentId, payload: { phone, text: sms } })
  }
  for (const [list, to] of [['soc', lists.socEmails], ['exec', lists.execEmails]] as const) {
    if (to.length === 0) continue
    drafts.push({
      key: `${page.keyPrefix}:email-${list}`,
      kind: 'Email.send',
      lane: 'email',
      incidentId: page.incidentId,
      payload: { list, to, subject: page.subject, text: page.email }
    })
  }
  return drafts
}

const RANK: Record<Priority, number> = { P1: 1, P2: 2, P3: 3, P4: 4, P5: 5 }

/**
 * Incidents opened by analysts as P1/P2, or escalated there later, page the SOC and executive lists
 * once per level. Alert-opened incidents are paged by the alert path, with the alert's fields.
 */
export function pagingReactor(lists: () => Settings['notify']): Reactor {
  return (event, db: Db) => {
    if (!event.incidentId) return []
    const p = event.payload
    let priority: Priority | undefined
    if (event.type === 'incident.opened' && !p.alertId) {
      priority = prioritySchema.safeParse(p.priority).data
    } else if (event.type === 'incident.updated') {
      const changes = (p.changes ?? {}) as Record<string, unknown>
      const before = (p.before ?? {}) as Record<string, unknown>
      const next = prioritySchema.safeParse(changes.priority).data
      const prev = prioritySchema.safeParse(before.priority).data
      if (next && (!prev || RANK[next] < RANK[prev])) priority = next
    }
    if (!priority || !isHighPriority(priority)) return []
    const incident = incidentSummary(db, event.incidentId)
    if (!incident) return []
    const how = event.type === 'incident.opened' ? 'opened' : 'escalated'
    return pageDrafts(lists(), {
      incidentId: event.incidentId,
      keyPrefix: `page:${event.incidentId}:${priority}`,
      sms: `[Virgil] ${priority} ${incident.number} ${how} by ${event.actor.name}: ${incident.title}. Leader: ${incident.leader}.`,
      subject: `[Virgil ${priority}] ${incident.number} ${incident.title}`,
      email: [
        `${incident.number} was ${how} to ${priority} by ${event.actor.name}.`,
        '',
        `Title: ${incident.title}`,
        `Priority: ${priority}`,
        `Leader: ${incident.leader}`,
        '',
        incident.description
      ].join('\n')
    })
  }
}
