import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createEc2Service, type Ec2Service } from '../../../src/main/core/integrations/aws/ec2-service'
import { AWS_TEST_CREDENTIALS, startAwsStandin, type AwsStandin } from '../../standins/aws/server'

let aws: AwsStandin
const services: Ec2Service[] = []

function service(options: { profile?: string; region?: string; credentials?: { accessKeyId: string; secretAccessKey: string } | null; timeoutMs?: number } = {}) {
  const s = createEc2Service(
    { region: options.region ?? 'eu-west-1', endpoint: aws.url, ...(options.profile ? { profile: options.profile } : {}) },
    { ...(options.credentials === null ? {} : { credentials: options.credentials ?? AWS_TEST_CREDENTIALS }), timeoutMs: options.timeoutMs ?? 2_000 }
  )
  services.push(s)
  return s
}

beforeEach(async () => {
  aws = await startAwsStandin({ region: 'eu-west-1' })
  aws.model.seedInstance({ interfaces: [[]], tags: { Name: 'web-01' } })
})

afterEach(async () => {
  for (const s of services.splice(0)) s.destroy()
  vi.unstubAllEnvs()
  await aws.close()
})

describe('AWS failures in analyst words', () => {
  it('retries one throttled call, then reports throttling with a wait hint when it persists', async () => {
    aws.throttleNext('ec2', 1)
    await expect(service().listInstances()).resolves.toHaveLength(1)

    aws.throttleNext('ec2', 2)
    await expect(service().listInstances()).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      service: 'AWS EC2',
      retryAfterMs: 5_000,
      message: 'AWS EC2 is throttling our requests (RequestLimitExceeded). Wait a few seconds and retry.'
    })
    expect(aws.requests.filter((r) => r.operation === 'DescribeInstances')).toHaveLength(4)
  })

  it('names the profile when AWS refuses an unknown access key', async () => {
    const s = service({ profile: 'soc', credentials: { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' } })
    await expect(s.listInstances()).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: "AWS refused the credentials (AuthFailure). Check the profile 'soc' or AWS_ACCESS_KEY_ID."
    })
  })

  it('verifies the signature: the right key id with a wrong secret is refused too', async () => {
    const s = service({ credentials: { accessKeyId: AWS_TEST_CREDENTIALS.accessKeyId, secretAccessKey: 'not-the-secret' } })
    await expect(s.describeInstance([...aws.model.instances.keys()][0]!)).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    // A request signed for another region is refused as well.
    await expect(service({ region: 'us-east-1' }).listInstances()).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
  })

  it('words missing permissions, server errors and timeouts', async () => {
    aws.failNext({ service: 'ec2', status: 403, code: 'UnauthorizedOperation', message: 'You are not authorized to perform this operation.' })
    await expect(service({ profile: 'soc' }).listInstances()).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: "AWS denied ec2:DescribeInstances to these credentials (UnauthorizedOperation). Ask the cloud team to allow it for the profile 'soc'."
    })

    aws.failNext({ service: 'ec2', status: 503, code: 'Unavailable', message: 'The server is overloaded', times: 2 })
    await expect(service().listInstances()).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('503 Unavailable') })

    aws.delayNextMs(1_500, { service: 'ec2', times: 2 })
    const started = Date.now()
    await expect(service({ timeoutMs: 300 }).listInstances()).rejects.toMatchObject({ code: 'TIMEOUT', message: expect.stringContaining('did not answer') })
    expect(Date.now() - started).toBeLessThan(1_500)
  })

  it('says how to log in when the session token has expired', async () => {
    aws.failNext({ service: 'ec2', status: 400, code: 'RequestExpired', message: 'Request has expired.' })
    await expect(service({ profile: 'soc' }).listInstances()).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'The AWS session has expired (RequestExpired). Run aws sso login --profile soc and retry.'
    })
  })

  it('says no credentials were found when the default chain comes up empty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'virgil-aws-'))
    try {
      writeFileSync(join(dir, 'config'), '')
      writeFileSync(join(dir, 'credentials'), '')
      for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI']) {
        vi.stubEnv(name, undefined)
      }
      vi.stubEnv('AWS_CONFIG_FILE', join(dir, 'config'))
      vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(dir, 'credentials'))
      vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true') // never reach for 169.254.169.254 from a test
      await expect(service({ credentials: null }).listInstances()).rejects.toMatchObject({
        code: 'NOT_CONFIGURED',
        message: 'No AWS credentials found: set a profile in Settings or run aws sso login.'
      })
      await expect(service({ credentials: null, profile: 'soc' }).listInstances()).rejects.toMatchObject({
        code: 'NOT_CONFIGURED',
        message: expect.stringContaining("for the profile 'soc'. Run aws sso login --profile soc")
      })
      expect(aws.requests).toHaveLength(0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
