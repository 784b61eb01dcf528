import type { CpuAlarm } from '../integrations/aws/cloudwatch'
import type { GuardDutyFinding } from '../integrations/aws/guardduty'
import type { Alert } from './alert'

/** A GuardDuty finding as an alert: attack type, severity, instance, region, time, occurrences. */
export function findingAlert(f: GuardDutyFinding): Alert {
  const fields: Record<string, string> = {
    'Attack type': f.type,
    Severity: `${f.severity} (${f.severityLabel})`,
    Instance: f.instanceId ?? 'none (not an EC2 finding)',
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
