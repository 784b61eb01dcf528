import { afterEach, describe, expect, it } from 'vitest'
import { startRig, type Rig } from './rig'

let rig: Rig
afterEach(async () => rig.dispose())

describe('AWS pollers', () => {
  it('turns a GuardDuty finding into one alert and incident, pages above the threshold, and threads updates', async () => {
    rig = await startRig({ alerts: { pollAws: true } })
    const detector = rig.aws.model.seedDetector()
    const finding = rig.aws.model.seedFinding(detector, {
      type: 'UnauthorizedAccess:EC2/SSHBruteForce',
      severity: 7.5,
      instanceId: 'i-0abc1234def567890',
      count: 42,
      title: '198.51.100.4 is performing SSH brute force attacks against i-0abc1234def567890.'
    })
    rig.aws.model.seedFinding(detector, { type: 'Recon:EC2/PortProbeUnprotectedPort', severity: 2 })

    await rig.alerts.pollNow()
    const incidents = await rig.incidents()
    expect(incidents).toHaveLength(1)
    const incident = incidents[0]!
    expect(incident).toMatchObject({ source: 'alert', priority: 'P2', title: `GuardDuty: ${finding.title as string}` })
    for (const line of ['Attack type: UnauthorizedAccess:EC2/SSHBruteForce', 'Severity: 7.5 (high)', 'Resource: EC2 instance i-0abc1234def567890', 'Instance: i-0abc1234def567890', 'Region: eu-west-1', 'Occurrences: 42']) {
      expect(incident.description).toContain(line)
    }
    expect(incident.description.match(/Severity:/g)).toHaveLength(1)
    await rig.core.outbox.drain()
    expect(rig.aws.model.sms).toHaveLength(2)
    expect(rig.aws.model.sms[0]?.message).toContain('UnauthorizedAccess:EC2/SSHBruteForce')
    expect(rig.snow.incidents).toHaveLength(1)

    // The same finding on the next poll is the same alert; an update to it is a note in its incident.
    await rig.alerts.pollNow()
    expect(rig.count('alerts')).toBe(1)
    const service = finding.service as Record<string, unknown>
    service.count = 43
    service.eventLastSeen = finding.updatedAt = new Date(Date.now() + 1_000).toISOString()
    await rig.alerts.pollNow()
    expect(rig.count('alerts')).toBe(2)
    expect(await rig.incidents()).toHaveLength(1)
    expect((await rig.roomText(incident.id)).some((t) => t.startsWith('The alert fired again') && t.includes('Occurrences: 43'))).toBe(true)
    const mark = rig.core.db.prepare(`SELECT value FROM meta WHERE key = 'alerts.hwm.guardduty'`).get() as { value: string }
    expect(Number(mark.value)).toBeGreaterThan(Date.now() - 15 * 60_000)
  })

  it('turns a firing CPU alarm into an alert that pages when CPU is above the threshold', async () => {
    rig = await startRig({ alerts: { pollAws: true } })
    rig.aws.model.seedDetector()
    rig.aws.model.seedAlarm({ name: 'web-01-cpu', instanceId: 'i-0abc1234def567890', threshold: 80 })
    rig.aws.model.seedAlarm({ name: 'batch-cpu', instanceId: 'i-0fff1234def567890', threshold: 70, reason: 'Threshold Crossed: 1 datapoint [75.0] was greater than or equal to the threshold (70.0).' })

    await rig.alerts.pollNow()
    const incidents = await rig.incidents()
    expect(incidents.map((i) => i.title).sort()).toEqual(['High CPU: i-0abc1234def567890 at 97.5%', 'High CPU: i-0fff1234def567890 at 75%'])
    await rig.core.outbox.drain()
    // Only the 97.5% alarm crosses the 90% paging threshold.
    expect(rig.aws.model.sms).toHaveLength(2)
    expect(rig.aws.model.sms.every((s) => s.message.includes('97.5%'))).toBe(true)
    await rig.alerts.pollNow()
    expect(await rig.incidents()).toHaveLength(2)
  })

  it('reports AWS as degraded when polling fails', async () => {
    rig = await startRig({ alerts: { pollAws: true } })
    rig.aws.failNext({ service: 'guardduty', status: 403, code: 'AccessDeniedException', message: 'not allowed' })
    await rig.alerts.pollNow()
    expect(rig.core.status.current().find((s) => s.name === 'AWS')).toMatchObject({ state: 'degraded', detail: expect.stringContaining('GuardDuty polling failed: AWS denied guardduty:ListDetectors') })
  })

  it('polls nothing while AWS polling is off', async () => {
    rig = await startRig()
    rig.aws.model.seedFinding(rig.aws.model.seedDetector(), { type: 'Backdoor:EC2/C&CActivity.B', severity: 9 })
    await rig.alerts.pollNow()
    expect(rig.aws.requests).toHaveLength(0)
    expect(rig.count('alerts')).toBe(0)
  })
})
