import { ACCOUNT_ID, type AwsModel, type ModelAlarm } from './model'
import { fault, type ServiceProtocol, type StandinResponse } from './protocol'

/**
 * CloudWatch as the installed SDK speaks it: AWS JSON 1.0 (X-Amz-Target GraniteServiceVersion20100801.*)
 * with awsQueryCompatible, so errors also carry the old Query code in x-amzn-query-error.
 */
const TARGET = 'GraniteServiceVersion20100801.'
const JSON_TYPE = 'application/x-amz-json-1.0'
const epochSeconds = (d: Date) => d.getTime() / 1000

const json = (body: unknown): StandinResponse => ({ status: 200, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(body) })

interface MetricStatisticsInput {
  Namespace?: string
  MetricName?: string
  Dimensions?: { Name: string; Value: string }[]
  StartTime?: number
  EndTime?: number
  Period?: number
  Statistics?: string[]
}

function getMetricStatistics(input: MetricStatisticsInput, model: AwsModel) {
  const { StartTime: start, EndTime: end, Period: period } = input
  if (start === undefined || end === undefined || !period) throw fault(400, 'MissingParameter', 'StartTime, EndTime and Period are required.')
  if (period % 60 !== 0) throw fault(400, 'InvalidParameterValue', 'The parameter Period must be a multiple of 60.')
  if ((end - start) / period > 1440) {
    throw fault(400, 'InvalidParameterCombination', 'You have requested up to 1,441 datapoints, which exceeds the limit of 1,440.')
  }
  const instanceId = input.Dimensions?.find((d) => d.Name === 'InstanceId')?.Value ?? ''
  const wanted = new Set(input.Statistics ?? [])
  const points = input.Namespace === 'AWS/EC2' && input.MetricName === 'CPUUtilization' ? (model.cpu.get(instanceId) ?? []) : []
  const datapoints = points
    .filter((p) => epochSeconds(p.timestamp) >= start && epochSeconds(p.timestamp) < end)
    .map((p) => ({
      Timestamp: epochSeconds(p.timestamp),
      ...(wanted.has('Average') ? { Average: p.average } : {}),
      ...(wanted.has('Maximum') ? { Maximum: p.maximum } : {}),
      Unit: 'Percent'
    }))
    .reverse() // CloudWatch promises no order; make sure callers sort.
  return json({ Label: input.MetricName, Datapoints: datapoints })
}

function alarmJson(model: AwsModel, a: ModelAlarm) {
  return {
    AlarmName: a.name,
    AlarmArn: `arn:aws:cloudwatch:${model.region}:${ACCOUNT_ID}:alarm:${a.name}`,
    ActionsEnabled: true,
    StateValue: a.state,
    StateReason: a.reason,
    StateUpdatedTimestamp: epochSeconds(a.updatedAt),
    MetricName: a.metricName,
    Namespace: a.namespace,
    Statistic: 'Average',
    Dimensions: a.instanceId ? [{ Name: 'InstanceId', Value: a.instanceId }] : [],
    Period: 300,
    EvaluationPeriods: 1,
    Threshold: a.threshold,
    ComparisonOperator: a.comparison
  }
}

function describeAlarms(input: { StateValue?: string; MaxRecords?: number; NextToken?: string; AlarmNames?: string[] }, model: AwsModel) {
  const max = input.MaxRecords ?? 50
  if (max < 1 || max > 100) throw fault(400, 'InvalidParameterValue', 'MaxRecords must be between 1 and 100.')
  const all = model.alarms.filter((a) => (!input.StateValue || a.state === input.StateValue) && (!input.AlarmNames || input.AlarmNames.includes(a.name)))
  const start = Number(input.NextToken ?? 0)
  const page = all.slice(start, start + max)
  return json({
    MetricAlarms: page.map((a) => alarmJson(model, a)),
    CompositeAlarms: [],
    ...(start + max < all.length ? { NextToken: String(start + max) } : {})
  })
}

export const cloudwatchProtocol: ServiceProtocol = {
  id: 'monitoring',
  operation: (req) => String(req.headers['x-amz-target'] ?? '?').replace(TARGET, ''),
  handle(req, model) {
    if (req.headers['content-type'] !== JSON_TYPE) throw fault(415, 'UnsupportedMediaType', `Expected ${JSON_TYPE}`)
    const target = String(req.headers['x-amz-target'] ?? '')
    const input = JSON.parse(req.body || '{}') as Record<string, unknown>
    if (target === `${TARGET}GetMetricStatistics`) return getMetricStatistics(input as MetricStatisticsInput, model)
    if (target === `${TARGET}DescribeAlarms`) return describeAlarms(input, model)
    throw fault(400, 'UnknownOperationException', `Unknown operation ${target}`)
  },
  renderError(f, requestId) {
    return {
      status: f.status,
      headers: {
        'content-type': JSON_TYPE,
        'x-amzn-requestid': requestId,
        'x-amzn-query-error': `${f.code};${f.type ?? (f.status >= 500 ? 'Receiver' : 'Sender')}`,
        ...(f.headers ?? {})
      },
      body: JSON.stringify({ __type: `com.amazonaws.cloudwatch#${f.code}`, message: f.message })
    }
  }
}
