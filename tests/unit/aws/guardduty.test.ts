import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAwsClients, type AwsClients } from '../../../src/main/core/integrations/aws/config'
import { listFindings, severityLabel, type GuardDutyFinding } from '../../../src/main/core/integrations/aws/guardduty'
import { findingAlert } from '../../../src/main/core/alerts/aws-alerts'
import { alertDescription } from '../../../src/main/core/alerts/alert'
import { indicatorsIn } from '../../../src/main/core/suggest/prefill'
import { EKS_ANONYMOUS, IAM_KEY_TOR, LAMBDA_MINER, RDS_BRUTE, RUNTIME_REVERSE_SHELL, S3_EXFIL, SSH_BRUTE_INBOUND, type FindingFixture } from './guardduty-fixtures'
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
    expect(findings[0]).toMatchObject({
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

describe('GuardDuty findings about every kind of resource', () => {
  const seed = async (fixture: FindingFixture): Promise<GuardDutyFinding> => {
    const detector = aws.model.seedDetector()
    aws.model.seedFinding(detector, { ...fixture, title: `${fixture.type} finding` })
    const [finding] = await listFindings({ clients }, { detectorId: detector, sinceMs: 0 })
    return finding!
  }
  const alertText = (f: GuardDutyFinding): string => alertDescription(findingAlert(f))

  it('describes an EKS finding: cluster, workload, Kubernetes user and the caller', async () => {
    const f = await seed(EKS_ANONYMOUS)
    expect(f).toMatchObject({
      resourceType: 'EKSCluster',
      resource: 'EKS cluster prod-payments · workload payments/api (deployments)',
      user: 'system:anonymous',
      action: 'Kubernetes list /api/v1/namespaces/payments/secrets',
      remote: { ip: '198.51.100.23', org: 'Example Hosting BV', asn: 'AS64500', country: 'Netherlands' }
    })
    expect(f.instanceId).toBeUndefined()
    const text = alertText(f)
    expect(text).not.toContain('Instance: none')
    expect(text).toContain('Remote IP: 198.51.100.23')
    expect(indicatorsIn([text]).iocs).toContainEqual({ type: 'ipv4', value: '198.51.100.23' })
  })

  it('describes an IAM access key used from a remote IP, with the user', async () => {
    const f = await seed(IAM_KEY_TOR)
    const fields = findingAlert(f).fields
    expect(fields).toMatchObject({ Resource: 'IAM access key AKIAIOSFODNN7EXAMPLE', User: 'ci-deployer (IAMUser)', Action: 'API call s3.amazonaws.com ListBuckets', 'Remote IP': '203.0.113.66', 'Remote org': 'AS64501 Example Relay Network', 'Remote country': 'Germany' })
    expect(fields.Instance).toBeUndefined()
  })

  it('describes S3, RDS and Lambda findings', async () => {
    const s3 = findingAlert(await seed(S3_EXFIL)).fields
    expect(s3).toMatchObject({ Resource: 'S3 bucket acme-customer-exports', 'Public access': 'NOT_PUBLIC', User: 'DataScienceRole (AssumedRole)', 'Remote IP': '192.0.2.144' })
    const rds = findingAlert(await seed(RDS_BRUTE)).fields
    expect(rds).toMatchObject({ Resource: 'RDS database orders-db-1 (aurora-postgresql 15.4)', User: 'postgres', Action: 'Database login (318 failed, 0 succeeded)', 'Remote IP': '198.51.100.77' })
    const lambda = findingAlert(await seed(LAMBDA_MINER)).fields
    expect(lambda).toMatchObject({ Resource: 'Lambda function thumbnailer ($LATEST)', Role: 'arn:aws:iam::123456789012:role/thumbnailer-exec', 'Remote IP': '203.0.113.200', 'Remote port': '3333' })
  })

  it('describes a runtime-monitoring finding: the instance, the process and its user, and where it connected', async () => {
    const f = await seed(RUNTIME_REVERSE_SHELL)
    const fields = findingAlert(f).fields
    expect(fields).toMatchObject({ Resource: 'EC2 instance i-0fedcba9876543210', Instance: 'i-0fedcba9876543210', Platform: 'Linux/UNIX', 'Public IP': '192.0.2.10', Process: '/usr/bin/bash (pid 2211)', User: 'www-data', 'Remote IP': '198.51.100.9', 'Remote port': '4444' })
    const found = indicatorsIn([alertText(f)])
    expect(found.instances).toEqual(['i-0fedcba9876543210'])
    expect(found.iocs.map((i) => i.value)).toContain('198.51.100.9')
  })

  it('puts the local port on an inbound connection and prints the severity once', async () => {
    const f = await seed(SSH_BRUTE_INBOUND)
    expect(findingAlert(f).fields).toMatchObject({ 'Local port': '22', 'Remote IP': '192.0.2.55' })
    expect(alertText(f).match(/Severity:/g)).toHaveLength(1)
  })
})
