import { isHighPriority, type Level, type Priority } from '../../../shared/priority'
import type { AlertRule, Settings } from '../../../shared/settings'
import type { Alert } from './alert'

export interface AlertDecision {
  priority: Priority
  impact: Level
  urgency: Level
  openIncident: boolean
  ticket: boolean
  /** A native desktop (or browser) notification. */
  notify: boolean
  /** SMS and email to the SOC and executive lists. */
  page: boolean
  /** Why, in words, for the incident and the tests. */
  reasons: string[]
}

/** The impact × urgency cell that yields each priority in the ITIL matrix. */
const CELL: Record<Priority, { impact: Level; urgency: Level }> = {
  P1: { impact: 'high', urgency: 'high' },
  P2: { impact: 'high', urgency: 'medium' },
  P3: { impact: 'medium', urgency: 'medium' },
  P4: { impact: 'medium', urgency: 'low' },
  P5: { impact: 'low', urgency: 'low' }
}

export function priorityForSeverity(severity: number): Priority {
  if (severity >= 9) return 'P1'
  if (severity >= 7) return 'P2'
  if (severity >= 4) return 'P3'
  if (severity >= 2) return 'P4'
  return 'P5'
}

export function ruleMatches(rule: AlertRule, alert: Alert): boolean {
  if (rule.source && rule.source.toLowerCase() !== alert.source.toLowerCase()) return false
  if (rule.type && !alert.type.toLowerCase().includes(rule.type.toLowerCase())) return false
  return alert.severity >= rule.minSeverity
}

/**
 * Defaults: severity sets the priority (9+ P1, 7+ P2, 4+ P3, 2+ P4, else P5); every alert opens an
 * incident with a ticket and a notification; P1/P2, GuardDuty at or above its threshold and CPU
 * alarms at or above theirs page the SOC and executives. The first matching rule overrides any part.
 */
export function decide(alert: Alert, settings: Settings['alerts']): AlertDecision {
  const reasons: string[] = []
  const index = settings.rules.findIndex((r) => ruleMatches(r, alert))
  const rule = settings.rules[index]
  const priority = rule?.priority ?? priorityForSeverity(alert.severity)
  reasons.push(rule?.priority ? `rule ${index + 1} sets ${priority}` : `severity ${alert.severity} means ${priority}`)

  const t = settings.thresholds
  let page = isHighPriority(priority)
  if (page) reasons.push(`${priority} pages the SOC and executives`)
  if (!page && alert.source === 'guardduty' && alert.severity >= t.guarddutyMinSeverity) {
    page = true
    reasons.push(`GuardDuty severity ${alert.severity} ≥ ${t.guarddutyMinSeverity}`)
  }
  if (!page && alert.source === 'cloudwatch' && alert.value !== undefined && alert.value >= t.cpuPercent) {
    page = true
    reasons.push(`CPU ${alert.value}% ≥ ${t.cpuPercent}%`)
  }
  if (rule?.page !== undefined) {
    page = rule.page
    reasons.push(`rule ${index + 1} ${page ? 'pages' : 'does not page'}`)
  }
  const openIncident = rule?.openIncident ?? true
  return {
    priority,
    ...CELL[priority],
    openIncident,
    ticket: openIncident && (rule?.ticket ?? true),
    notify: openIncident && (rule?.notify ?? true),
    page: openIncident && page,
    reasons
  }
}
