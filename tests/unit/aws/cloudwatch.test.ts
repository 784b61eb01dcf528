import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ec2Commands, sparkline } from '../../../src/main/core/commands/builtin/ec2'
import type { CommandContext } from '../../../src/main/core/commands/types'
import { createEc2Service, type Ec2Service } from '../../../src/main/core/integrations/aws/ec2-service'
import { AWS_TEST_CREDENTIALS, startAwsStandin, type AwsStandin } from '../../standins/aws/server'

let aws: AwsStandin
let ec2: Ec2Service
const id = 'i-0abc1234def567890'
const ctx: CommandContext = { actor: { id: 'a', name: 'Ana', role: 'analyst' }, incidentId: 'inc', signal: new AbortController().signal, confirmed: false }

beforeEach(async () => {
  aws = await startAwsStandin({ region: 'eu-west-1' })
  ec2 = createEc2Service({ region: 'eu-west-1', endpoint: aws.url }, { credentials: AWS_TEST_CREDENTIALS, timeoutMs: 2_000 })
})

afterEach(async () => {
  ec2.destroy()
  await aws.close()
})

describe('CloudWatch CPU', () => {
  it('returns five-minute average and maximum, oldest first, over the asked window only', async () => {
    aws.model.seedCpu(id, 6, (i) => (i === 50 ? 95 : 10 + (i % 5)))
    const points = await ec2.cpuSeries(id, 3)
    expect(points).toHaveLength(36)
    expect(points.map((p) => p.time)).toEqual([...points.map((p) => p.time)].sort())
    expect(points[0]).toMatchObject({ average: expect.any(Number), maximum: expect.any(Number) })
    expect(points.every((p) => p.maximum === Math.min(100, p.average + 5))).toBe(true)
    const sent = aws.requests.find((r) => r.operation === 'GetMetricStatistics')!
    expect(JSON.parse(sent.body)).toMatchObject({ Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Period: 300, Statistics: ['Average', 'Maximum'] })
  })

  it('ec2 cpu prints a compact table and a sparkline, and flags a spike', async () => {
    aws.model.seedCpu(id, 24, (i) => (i === 280 ? 97 : 12))
    const spec = ec2Commands(() => ec2).find((c) => c.path.join(' ') === 'ec2 cpu')!
    const out = await spec.run(spec.args.parse({ positional: [id.toUpperCase().replace('I-', 'i-')], flags: { hours: '24' } }), ctx)
    expect(out.table?.rows.length).toBeLessThanOrEqual(24)
    expect(out.table?.columns[0]).toBe('UTC (60 min)')
    expect(out.tone).toBe('danger')
    expect(out.summary).toMatch(/peak 100\.0 % at \d\d:\d\d UTC/)
    expect(out.text).toMatch(/^max [▁▂▃▄▅▆▇█]{72} 0–100 %$/)
    expect(out.text).toContain('█')
    expect(spec.args.parse({ positional: [id], flags: {} })).toMatchObject({ flags: { hours: 3 } })
  })

  it('draws the sparkline on a fixed 0–100 scale', () => {
    expect(sparkline([0, 50, 100])).toBe('▁▅█')
    expect(sparkline(Array.from({ length: 144 }, (_, i) => (i < 72 ? 0 : 100)), 72)).toBe('▁'.repeat(36) + '█'.repeat(36))
  })

  it('lists CPU alarms that are firing, above a threshold, across pages', async () => {
    for (let i = 0; i < 120; i++) aws.model.seedAlarm({ name: `cpu-${i}`, instanceId: id, threshold: i % 2 ? 90 : 70 })
    aws.model.seedAlarm({ name: 'disk-full', metricName: 'DiskSpaceUtilization', threshold: 95 })
    aws.model.seedAlarm({ name: 'cpu-ok', state: 'OK' })
    const all = await ec2.listCpuAlarmsInAlarm()
    expect(all).toHaveLength(120)
    expect(all[0]).toMatchObject({ name: 'cpu-0', instanceId: id, threshold: 70, comparison: 'GreaterThanOrEqualToThreshold', since: expect.any(String) })
    const high = await ec2.listCpuAlarmsInAlarm({ threshold: 85 })
    expect(high).toHaveLength(60)
    expect(aws.requests.filter((r) => r.operation === 'DescribeAlarms').length).toBe(4)
    expect(JSON.parse(aws.requests.find((r) => r.operation === 'DescribeAlarms')!.body)).toMatchObject({ StateValue: 'ALARM' })
  })

  it('reads CloudWatch JSON errors with their Query error codes', async () => {
    aws.throttleNext('monitoring', 2)
    await expect(ec2.listCpuAlarmsInAlarm()).rejects.toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('AWS CloudWatch is throttling our requests (Throttling)') })
    aws.failNext({ service: 'monitoring', status: 400, code: 'InvalidParameterValue', message: 'The parameter Period must be a multiple of 60.' })
    await expect(ec2.cpuSeries(id, 1)).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('InvalidParameterValue') })
    const stranger = createEc2Service({ region: 'eu-west-1', endpoint: aws.url }, { credentials: { accessKeyId: 'AKIANOTKNOWN00000000', secretAccessKey: 'x' } })
    try {
      await expect(stranger.cpuSeries(id, 1)).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringContaining('(InvalidClientTokenId)') })
    } finally {
      stranger.destroy()
    }
  })
})
