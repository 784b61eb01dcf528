import { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { EC2Client } from '@aws-sdk/client-ec2'
import { GuardDutyClient } from '@aws-sdk/client-guardduty'
import { SNSClient } from '@aws-sdk/client-sns'

export type AwsServiceName = 'ec2' | 'guardduty' | 'cloudwatch' | 'sns'

export interface AwsSettings {
  region: string
  /** A named profile from ~/.aws/config (SSO, assume-role, static keys). Empty means the default chain. */
  profile?: string
  /** One base URL for every service (a VPC endpoint, a proxy, a loopback stand-in). */
  endpoint?: string
  endpoints?: Partial<Record<AwsServiceName, string>>
}

export interface StaticCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

export interface AwsClientOptions {
  /** Per-attempt budget for one HTTP call. */
  timeoutMs?: number
  maxAttempts?: number
  /** Explicit keys: for tests and benches only; the app relies on the SDK's default provider chain. */
  credentials?: StaticCredentials
}

export interface AwsClients {
  readonly settings: AwsSettings
  readonly ec2: EC2Client
  readonly guardduty: GuardDutyClient
  readonly cloudwatch: CloudWatchClient
  readonly sns: SNSClient
  destroy(): void
}

export const DEFAULT_AWS_TIMEOUT_MS = 10_000

/** The display name we use in error messages, and the signing name AWS uses in SigV4 scopes. */
export const AWS_SERVICE_LABEL: Record<AwsServiceName, string> = {
  ec2: 'AWS EC2',
  guardduty: 'AWS GuardDuty',
  cloudwatch: 'AWS CloudWatch',
  sns: 'AWS SNS'
}

export function awsClientConfig(service: AwsServiceName, settings: AwsSettings, options: AwsClientOptions = {}) {
  const timeoutMs = options.timeoutMs ?? DEFAULT_AWS_TIMEOUT_MS
  const endpoint = settings.endpoints?.[service] || settings.endpoint || undefined
  const profile = settings.profile?.trim() || undefined
  return {
    region: settings.region,
    maxAttempts: options.maxAttempts ?? 2,
    // This SDK's requestTimeout only logs a warning unless throwOnRequestTimeout is set.
    requestHandler: { requestTimeout: timeoutMs, throwOnRequestTimeout: true, connectionTimeout: Math.min(timeoutMs, 5_000) },
    // Without explicit credentials the SDK walks its default chain (env, SSO, ini, process, IMDS);
    // `profile` makes that chain read the named profile, like AWS_PROFILE would.
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(profile && !options.credentials ? { profile } : {}),
    ...(endpoint ? { endpoint } : {})
  }
}

/** Builds each client on first use, so an analyst who never touches GuardDuty never loads its config. */
export function createAwsClients(settings: AwsSettings, options: AwsClientOptions = {}): AwsClients {
  let ec2: EC2Client | undefined
  let guardduty: GuardDutyClient | undefined
  let cloudwatch: CloudWatchClient | undefined
  let sns: SNSClient | undefined
  return {
    settings,
    get ec2() {
      return (ec2 ??= new EC2Client(awsClientConfig('ec2', settings, options)))
    },
    get guardduty() {
      return (guardduty ??= new GuardDutyClient(awsClientConfig('guardduty', settings, options)))
    },
    get cloudwatch() {
      return (cloudwatch ??= new CloudWatchClient(awsClientConfig('cloudwatch', settings, options)))
    },
    get sns() {
      return (sns ??= new SNSClient(awsClientConfig('sns', settings, options)))
    },
    destroy() {
      for (const client of [ec2, guardduty, cloudwatch, sns]) client?.destroy()
      ec2 = guardduty = cloudwatch = sns = undefined
    }
  }
}
