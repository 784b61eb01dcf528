import type { Actor } from '../commands/types'

/** Who writes what the alert pipeline does, in the log and in the room. */
export const ALERT_ACTOR: Actor = { id: 'system:alerts', name: 'Alert intake', role: 'system', via: 'alert' }

/** One alert, whatever sent it (Splunk, a generic sender, GuardDuty, CloudWatch), in one shape. */
export interface Alert {
  /** splunk, guardduty, cloudwatch, or a generic sender's name. */
  source: string
  /** Splunk: the search name; GuardDuty: the finding type; CloudWatch: cpu-high. */
  type: string
  /** 0–10, GuardDuty's scale (low 1–3.9, medium 4–6.9, high 7–8.9, critical 9–10). */
  severity: number
  title: string
  description: string
  occurredAt?: string
  link?: string
  /** A metric alarm's measured value (CPU %), compared with the paging threshold. */
  value?: number
  /** Shown in the incident, the ticket, the SMS and the email, in this order. */
  fields: Record<string, string>
  /** The same key twice is one alert. */
  dedupKey: string
  /** Later alerts on one thread (a finding, an alarm) add to its open incident instead of opening another. */
  threadKey?: string
}

export const SEVERITY_WORDS = { informational: 2, info: 2, low: 3, medium: 5, high: 8, critical: 10 } as const

export function severityWord(severity: number): 'critical' | 'high' | 'medium' | 'low' {
  if (severity >= 9) return 'critical'
  if (severity >= 7) return 'high'
  if (severity >= 4) return 'medium'
  return 'low'
}

/** Field lines as the incident description, the ticket and the email show them. */
export function fieldLines(alert: Alert): string[] {
  const lines = Object.entries(alert.fields).map(([k, v]) => `${k}: ${v}`)
  if (alert.link) lines.push(`Link: ${alert.link}`)
  return lines
}

export function alertDescription(alert: Alert): string {
  const head = alert.description.trim()
  const body = [`Source: ${alert.source}`, `Type: ${alert.type}`, `Severity: ${alert.severity} (${severityWord(alert.severity)})`]
  if (alert.occurredAt) body.push(`Occurred: ${alert.occurredAt}`)
  const text = `${head ? `${head}\n\n` : ''}Alert fields:\n${[...body, ...fieldLines(alert)].join('\n')}`
  return text.slice(0, 20_000)
}
