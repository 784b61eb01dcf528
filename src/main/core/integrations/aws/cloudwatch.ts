import { DescribeAlarmsCommand, GetMetricStatisticsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch'
import { VirgilError } from '../../../../shared/errors'
import { callAws } from './errors'
import { assertInstanceId, type AwsDeps } from './ec2'

export interface CpuPoint {
  time: string
  average: number
  maximum: number
}

export interface CpuAlarm {
  name: string
  instanceId?: string
  threshold: number
  comparison: string
  reason: string
  since?: string
}

const PERIOD_SECONDS = 300
const ALARM_PAGE_LIMIT = 20

/** Five-minute average and maximum CPU of one instance over the last `hours`, oldest first. */
export async function cpuSeries(deps: AwsDeps, instanceId: string, hours: number, signal?: AbortSignal): Promise<CpuPoint[]> {
  assertInstanceId(instanceId)
  if (!Number.isInteger(hours) || hours < 1 || hours > 72) {
    throw new VirgilError('BAD_INPUT', `--hours must be a whole number from 1 to 72, not ${hours}.`)
  }
  const end = new Date(Math.floor(Date.now() / (PERIOD_SECONDS * 1000)) * PERIOD_SECONDS * 1000)
  const start = new Date(end.getTime() - hours * 3_600_000)
  const ctx = {
    service: 'cloudwatch' as const,
    settings: deps.clients.settings,
    action: 'GetMetricStatistics',
    resource: `CPU metrics for ${instanceId}`,
    timeoutMs: deps.timeoutMs
  }
  const out = await callAws(ctx, () =>
    deps.clients.cloudwatch.send(
      new GetMetricStatisticsCommand({
        Namespace: 'AWS/EC2',
        MetricName: 'CPUUtilization',
        Dimensions: [{ Name: 'InstanceId', Value: instanceId }],
        StartTime: start,
        EndTime: end,
        Period: PERIOD_SECONDS,
        Statistics: ['Average', 'Maximum']
      }),
      { abortSignal: signal }
    )
  )
  // CloudWatch returns datapoints in no particular order.
  return (out.Datapoints ?? [])
    .filter((d) => d.Timestamp)
    .map((d) => ({ time: d.Timestamp!.toISOString(), average: d.Average ?? 0, maximum: d.Maximum ?? d.Average ?? 0 }))
    .sort((a, b) => a.time.localeCompare(b.time))
}

function toCpuAlarm(a: MetricAlarm): CpuAlarm {
  const instanceId = a.Dimensions?.find((d) => d.Name === 'InstanceId')?.Value
  return {
    name: a.AlarmName ?? '',
    ...(instanceId ? { instanceId } : {}),
    threshold: a.Threshold ?? 0,
    comparison: a.ComparisonOperator ?? '',
    reason: a.StateReason ?? '',
    ...(a.StateUpdatedTimestamp ? { since: a.StateUpdatedTimestamp.toISOString() } : {})
  }
}

/** Metric alarms on CPUUtilization that are firing now; `threshold` keeps those set at or above it. */
export async function listCpuAlarmsInAlarm(deps: AwsDeps, options: { threshold?: number } = {}, signal?: AbortSignal): Promise<CpuAlarm[]> {
  const alarms: CpuAlarm[] = []
  let nextToken: string | undefined
  let pages = 0
  do {
    const page = await callAws(
      { service: 'cloudwatch', settings: deps.clients.settings, action: 'DescribeAlarms', timeoutMs: deps.timeoutMs },
      () =>
        deps.clients.cloudwatch.send(new DescribeAlarmsCommand({ StateValue: 'ALARM', MaxRecords: 100, NextToken: nextToken }), {
          abortSignal: signal
        })
    )
    for (const a of page.MetricAlarms ?? []) {
      if (a.MetricName !== 'CPUUtilization') continue
      if (options.threshold !== undefined && (a.Threshold ?? 0) < options.threshold) continue
      alarms.push(toCpuAlarm(a))
    }
    nextToken = page.NextToken
  } while (nextToken && ++pages < ALARM_PAGE_LIMIT)
  return alarms
}
