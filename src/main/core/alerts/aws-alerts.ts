import type { CpuAlarm } from '../integrations/aws/cloudwatch'
import type { GuardDutyFinding } from '../integrations/aws/guardduty'
import type { Alert } from './alert'

/** "198.51.100.23 · Remote port 22 · AS64500 Example Hosting · Netherlands". */
function remoteFields(f: GuardDutyFinding): Record<string, string> {
  const r = f.remote
  if (!r) return {}
  const out: Record<string, string> = {}
  if (r.ip) out['Remote IP'] = r.ip
  if (r.port !== undefined) out[r.portLabel ?? 'Port'] = String(r.port)
  if (r.org || r.asn) out['Remote org'] = [r.asn, r.org].filter(Boolean).join(' ')
  if (r.country) out['Remote country'] = r.country
  if (r.domain) out.Domain = r.domain
  return out
}

/**
 * A GuardDuty finding as an alert: attack type, the resource whatever its type, the identity, the
 * far end (its IP lands in the incident's indicators), region, time, occurrences. The severity is
 * the alert's own, printed once by alertDescription.
 */
export function findingAlert(f: GuardDutyFinding): Alert {
  const fields: Record<string, string> = {
    'Attack type': f.type,
    Resource: f.resource,
    ...f.details,
    ...(f.user ? { User: f.user } : {}),
    ...(f.action ? { Action: f.action } : {}),
    ...remoteFields(f),
    Region: f.region,
    Account: f.accountId,
    'First seen': f.firstSeen ?? 'unknown',
    'Last seen': f.lastSeen ?? 'unknown',
    Occurrences: String(f.count),
    'Finding id': f.id
  }
  return {
    source: 'guardduty',
    type: f.type,
    severity: f.severity,
    title: `GuardDuty: ${f.title}`.slice(0, 200),
    description: f.description,
    ...(f.lastSeen ? { occurredAt: f.lastSeen } : {}),
    fields,
    // A finding that GuardDuty updates (new activity, higher count) is a new alert on the same thread.
    dedupKey: `guardduty:${f.id}:${f.lastSeen ?? ''}:${f.count}`,
    threadKey: `guardduty:${f.id}`
  }
}

/** The CPU reading CloudWatch put in the state reason ("1 datapoint [97.5] was greater…"), else the threshold. */
export function alarmValue(a: CpuAlarm): number {
  const reading = /\[(\d+(?:\.\d+)?)/.exec(a.reason)?.[1]
  return reading !== undefined ? Number(reading) : a.threshold
}

export function alarmAlert(a: CpuAlarm, cpuPercent: number, region: string): Alert {
  const value = alarmValue(a)
  return {
    source: 'cloudwatch',
    type: 'cpu-high',
    severity: value >= cpuPercent ? 8 : 5,
    title: `High CPU: ${a.instanceId ?? a.name} at ${value}%`.slice(0, 200),
    description: a.reason,
    ...(a.since ? { occurredAt: a.since } : {}),
    value,
    fields: {
      Alarm: a.name,
      Instance: a.instanceId ?? 'not an instance alarm',
      CPU: `${value}%`,
      Threshold: `${a.comparison} ${a.threshold}%`,
      Region: region,
      Since: a.since ?? 'unknown'
    },
    dedupKey: `cloudwatch:${a.name}:${a.since ?? ''}`,
    threadKey: `cloudwatch:${a.name}`
  }
}
