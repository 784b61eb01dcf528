import { ulid } from 'ulid'
import type { Settings } from '../../../shared/settings'
import type { EventBus } from '../event-bus'
import type { EventDraft, EventLog, OutboxDraft } from '../log/event-log'
import { localTicketDraft, localTicketNumber, pageDrafts, SNOW_LEVEL, ticketDraft } from '../notify'
import { ALERT_ACTOR, alertDescription, fieldLines, severityWord, type Alert } from './alert'
import type { AlertStore } from './alert-store'
import { decide, type AlertDecision } from './rules'

export type IngestResult =
  | { outcome: 'opened'; alertId: string; incidentId: string; number: string; decision: AlertDecision }
  | { outcome: 'threaded'; alertId: string; incidentId: string }
  | { outcome: 'recorded'; alertId: string; decision: AlertDecision }
  | { outcome: 'duplicate'; alertId: string; incidentId: string | null }
  | { outcome: 'replayed' }

export interface IntakeDeps {
  log: EventLog
  bus: EventBus
  store: AlertStore
  settings: () => Settings
  isServiceNowConfigured: () => boolean
  now?: () => number
}

/**
 * Turns one alert into its effects in ONE transaction: alert.received, incident.opened, the ticket
 * (outbox, or a local ticket), the pages (outbox), the dedup row and the signature. Then, after the
 * commit, the native notification.
 */
export class AlertIntake {
  constructor(private readonly deps: IntakeDeps) {}

  ingest(alert: Alert, signature?: string): IngestResult {
    const { store } = this.deps
    const now = (this.deps.now ?? Date.now)()
    // Synchronous from here to the commit: no other alert can slip between the check and the insert.
    if (signature && store.hasSignature(signature)) return { outcome: 'replayed' }
    const earlier = store.seen(alert.dedupKey)
    if (earlier) {
      if (signature) store.rememberSignature(signature, now)
      store.countDuplicate(now)
      return { outcome: 'duplicate', alertId: earlier.id, incidentId: earlier.incidentId }
    }
    const alertId = ulid(now)
    const thread = alert.threadKey ? store.openIncidentOnThread(alert.threadKey) : undefined
    if (thread) return this.addToThread(alert, alertId, thread, now, signature)

    const settings = this.deps.settings()
    const decision = decide(alert, settings.alerts)
    const received = this.receivedDraft(alert, alertId, null, decision)
    if (!decision.openIncident) {
      this.commit([received], alert, alertId, null, now, signature, [])
      return { outcome: 'recorded', alertId, decision }
    }

    const incidentId = ulid(now)
    const number = store.nextIncidentNumber()
    const description = alertDescription(alert)
    const drafts: EventDraft[] = [
      { ...received, incidentId },
      {
        type: 'incident.opened',
        incidentId,
        actor: ALERT_ACTOR,
        payload: {
          title: alert.title,
          description,
          source: 'alert',
          leader: settings.alerts.leader,
          impact: decision.impact,
          urgency: decision.urgency,
          conditions: [],
          members: [],
          number,
          priority: decision.priority,
          at: now,
          alertId,
          alertSource: alert.source
        }
      }
    ]
    const effects: OutboxDraft[] = []
    if (decision.ticket && this.deps.isServiceNowConfigured()) {
      effects.push(
        ticketDraft(incidentId, {
          correlationId: alertId,
          number,
          shortDescription: alert.title,
          description: `${description}\n\nVirgil incident ${number} (priority ${decision.priority}).`,
          impact: SNOW_LEVEL[decision.impact],
          urgency: SNOW_LEVEL[decision.urgency]
        })
      )
    } else if (decision.ticket) {
      drafts.push(localTicketDraft(incidentId, localTicketNumber(store.next('local_ticket_counter')), ALERT_ACTOR))
    }
    if (decision.page) effects.push(...pageDrafts(settings.notify, this.page(alert, alertId, incidentId, number, decision)))
    this.commit(drafts, alert, alertId, incidentId, now, signature, effects)

    if (decision.notify) {
      this.deps.bus.emit('alert:raised', { incidentId, number, title: alert.title, priority: decision.priority, body: this.summary(alert) })
    }
    return { outcome: 'opened', alertId, incidentId, number, decision }
  }

  private addToThread(alert: Alert, alertId: string, incidentId: string, now: number, signature?: string): IngestResult {
    const note: EventDraft = {
      type: 'system.noted',
      incidentId,
      actor: ALERT_ACTOR,
      payload: { text: `The alert fired again: ${alert.title}. ${fieldLines(alert).join(' · ')}`, via: 'alert', at: now }
    }
    this.commit([this.receivedDraft(alert, alertId, incidentId), note], alert, alertId, incidentId, now, signature, [])
    return { outcome: 'threaded', alertId, incidentId }
  }

  private receivedDraft(alert: Alert, alertId: string, incidentId: string | null, decision?: AlertDecision): EventDraft {
    // The whole alert, dedup key included, so the alerts table can be rebuilt from the log.
    return {
      type: 'alert.received',
      incidentId,
      actor: ALERT_ACTOR,
      payload: { alertId, ...alert, ...(decision ? { decision: { ...decision } } : {}) }
    }
  }

  private commit(drafts: EventDraft[], alert: Alert, alertId: string, incidentId: string | null, now: number, signature: string | undefined, effects: OutboxDraft[]): void {
    this.deps.log.append(drafts, () => {
      this.deps.store.add({
        id: alertId,
        dedupKey: alert.dedupKey,
        threadKey: alert.threadKey ?? null,
        source: alert.source,
        type: alert.type,
        severity: alert.severity,
        title: alert.title,
        incidentId,
        receivedAt: now
      })
      if (signature) this.deps.store.rememberSignature(signature, now)
      return effects
    })
  }

  private summary(alert: Alert): string {
    const top = Object.entries(alert.fields)
      .slice(0, 4)
      .map(([k, v]) => `${k}: ${v}`)
    return [`${alert.source} · severity ${alert.severity} (${severityWord(alert.severity)})`, ...top].join(' · ').slice(0, 300)
  }

  private page(alert: Alert, alertId: string, incidentId: string, number: string, decision: AlertDecision) {
    return {
      incidentId,
      keyPrefix: `alert:${alertId}`,
      sms: `[Virgil] ${decision.priority} ${number}: ${alert.title} · ${this.summary(alert)}`,
      subject: `[Virgil ${decision.priority}] ${number} ${alert.title}`,
      email: [
        `Alert from ${alert.source} opened ${number} at ${decision.priority}.`,
        '',
        alertDescription(alert),
        '',
        `Why this page: ${decision.reasons.join('; ')}.`
      ].join('\n')
    }
  }
}
