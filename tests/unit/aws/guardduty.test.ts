import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAwsClients, type AwsClients } from '../../../src/main/core/integrations/aws/config'
import { listFindings, severityLabel } from '../../../src/main/core/integrations/aws/guardduty'
import { AWS_TEST_CREDENTIALS, startAwsStandin, type AwsStandin } from '../../standins/aws/server'

let aws: AwsStandin
let clients: AwsClients

beforeEach(async () => {
  aws = await startAwsStandin({ region: 'eu-west-1' })
  clients = createAwsClients({ region: 'eu-west-1', endpoint: aws.url }, { credentials: AWS_TEST_CREDENTIALS, timeoutMs: 2_000 })
})

afterEach(async () => {
  clients.destroy()
  await aws.close()
})

describe('GuardDuty findings', () => {
  it('finds the detector, filters by time and severity, and normalises each finding', async () => {
    const detector = aws.model.seedDetector()
    const since = Date.now() - 3_600_000
    const lastSeen = new Date(Date.now() - 60_000)
    const brute = aws.model.seedFinding(detector, {
      type: 'UnauthorizedAccess:EC2/SSHBruteForce',
      severity: 8,
      instanceId: 'i-0abc1234def567890',
      updatedAt: lastSeen,
      count: 42,
      title: '10.0.0.5 is performing SSH brute force attacks against i-0abc1234def567890.'
    })
    aws.model.seedFinding(detector, { type: 'Recon:EC2/PortProbeUnprotectedPort', severity: 2, instanceId: 'i-0abc1234def567890' })
    aws.model.seedFinding(detector, { type: 'Backdoor:EC2/C&CActivity.B', severity: 9.5, updatedAt: new Date(since - 60_000) })
    aws.model.seedFinding(detector, { type: 'CryptoCurrency:EC2/BitcoinTool.B!DNS', severity: 9.1, archived: true })
    const creds = aws.model.seedFinding(detector, { type: 'CredentialAccess:IAMUser/AnomalousBehavior', severity: 5 })

    const findings = await listFindings({ clients }, { sinceMs: since, minSeverity: 4 })
    expect(findings.map((f) => f.id)).toEqual([brute.id, creds.id])
    expect(findings[0]).toEqual({
      id: brute.id,
      type: 'UnauthorizedAccess:EC2/SSHBruteForce',
      threatPurpose: 'UnauthorizedAccess',
      severity: 8,
      severityLabel: 'High',
      title: '10.0.0.5 is performing SSH brute force attacks against i-0abc1234def567890.',
      description: 'UnauthorizedAccess:EC2/SSHBruteForce was observed on i-0abc1234def567890.',
      instanceId: 'i-0abc1234def567890',
      region: 'eu-west-1',
      accountId: '123456789012',
      firstSeen: new Date(lastSeen.getTime() - 3_600_000).toISOString(),
      lastSeen: lastSeen.toISOString(),
      count: 42
    })
    expect(findings[1]).toMatchObject({ severityLabel: 'Medium', count: 1 })
    expect(findings[1]?.instanceId).toBeUndefined()
    const ops = aws.requests.filter((r) => r.service === 'guardduty').map((r) => r.operation)
    expect(ops).toEqual(['ListDetectors', 'ListFindings', 'GetFindings'])
  })

  it('pages through ListFindings and batches GetFindings by 50', async () => {
    const detector = aws.model.seedDetector()
    for (let i = 0; i < 120; i++) aws.model.seedFinding(detector, { type: 'Recon:EC2/Portscan', severity: 5 })
    const findings = await listFindings({ clients }, { detectorId: detector, sinceMs: 0, limit: 110 })
    expect(findings).toHaveLength(110)
    expect(new Set(findings.map((f) => f.id)).size).toBe(110)
    expect(aws.requests.filter((r) => r.operation === 'GetFindings')).toHaveLength(3)
    expect(aws.requests.some((r) => r.operation === 'ListDetectors')).toBe(false)
  })

  it('labels severities on GuardDuty bands', () => {
    expect([1, 3.9, 4, 6.9, 7, 8.9, 9, 10].map(severityLabel)).toEqual(['Low', 'Low', 'Medium', 'Medium', 'High', 'High', 'Critical', 'Critical'])
  })

  it('explains a region without GuardDuty, a bad key and throttling', async () => {
    await expect(listFindings({ clients }, { sinceMs: 0 })).rejects.toMatchObject({
      code: 'NOT_CONFIGURED',
      message: expect.stringContaining('GuardDuty is not enabled in eu-west-1')
    })

    const detector = aws.model.seedDetector()
    aws.throttleNext('guardduty', 2)
    await expect(listFindings({ clients }, { detectorId: detector, sinceMs: 0 })).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringContaining('AWS GuardDuty is throttling our requests (TooManyRequestsException)')
    })

    const stranger = createAwsClients({ region: 'eu-west-1', endpoint: aws.url }, { credentials: { accessKeyId: 'AKIANOTKNOWN00000000', secretAccessKey: 'x' } })
    try {
      await expect(listFindings({ clients: stranger }, { detectorId: detector, sinceMs: 0 })).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
        message: 'AWS refused the credentials (UnrecognizedClientException). Check the default profile or AWS_ACCESS_KEY_ID.'
      })
    } finally {
      stranger.destroy()
    }
  })
})
