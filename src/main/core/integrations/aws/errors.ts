import { VirgilError } from '../../../../shared/errors'
import { AWS_SERVICE_LABEL, DEFAULT_AWS_TIMEOUT_MS, type AwsServiceName, type AwsSettings } from './config'

export interface AwsCallContext {
  service: AwsServiceName
  settings: AwsSettings
  /** The API action, e.g. "ModifyNetworkInterfaceAttribute", named in permission errors. */
  action: string
  /** What the call was about, e.g. an instance id, named in not-found errors. */
  resource?: string
  timeoutMs?: number
}

const AUTH_CODES = new Set([
  'AuthFailure',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException'
])
const EXPIRED_CODES = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired'])
const DENIED_CODES = new Set([
  'UnauthorizedOperation',
  'AccessDenied',
  'AccessDeniedException',
  'AuthorizationError',
  'AuthorizationErrorException',
  'OptInRequired'
])
const THROTTLE_CODES = new Set([
  'Throttling',
  'Throttled',
  'ThrottlingException',
  'ThrottledException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException'
])
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE'])
const THROTTLE_WAIT_MS = 5_000

interface SdkErrorShape {
  name?: string
  code?: string
  /** The Query-protocol error code the SDK keeps beside its class name. */
  Code?: string
  message?: string
  $fault?: 'client' | 'server'
  $metadata?: { httpStatusCode?: number }
}

function profileHint(settings: AwsSettings): string {
  const profile = settings.profile?.trim()
  return profile ? `the profile '${profile}'` : 'the default profile'
}

/** Turns whatever the SDK threw into a VirgilError an analyst can act on. */
export function mapAwsError(error: unknown, ctx: AwsCallContext): VirgilError {
  if (error instanceof VirgilError) return error
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SdkErrorShape
  const service = AWS_SERVICE_LABEL[ctx.service]
  const code = e.Code ?? (e.name && e.name !== 'Error' ? e.name : (e.code ?? 'Error'))
  const status = e.$metadata?.httpStatusCode
  const region = ctx.settings.region
  const profile = ctx.settings.profile?.trim()
  const extra = { service }

  if (code === 'CredentialsProviderError' || /could not load credentials/i.test(e.message ?? '')) {
    return new VirgilError(
      'NOT_CONFIGURED',
      profile
        ? `Could not load AWS credentials for the profile '${profile}'. Run aws sso login --profile ${profile}, or fix the profile in Settings → AWS.`
        : 'No AWS credentials found: set a profile in Settings or run aws sso login.',
      extra
    )
  }
  if (AUTH_CODES.has(code)) {
    return new VirgilError(
      'UNAUTHORIZED',
      `AWS refused the credentials (${code}). Check ${profileHint(ctx.settings)} or AWS_ACCESS_KEY_ID.`,
      extra
    )
  }
  if (EXPIRED_CODES.has(code)) {
    const login = profile ? `aws sso login --profile ${profile}` : 'aws sso login'
    return new VirgilError('UNAUTHORIZED', `The AWS session has expired (${code}). Run ${login} and retry.`, extra)
  }
  if (DENIED_CODES.has(code)) {
    return new VirgilError(
      'FORBIDDEN',
      `AWS denied ${ctx.service}:${ctx.action} to these credentials (${code}). Ask the cloud team to allow it for ${profileHint(ctx.settings)}.`,
      extra
    )
  }
  if (/\.NotFound$|\.Malformed$|^ResourceNotFound|^NotFound$/.test(code)) {
    const what = ctx.resource ? `${ctx.resource} ` : ''
    return new VirgilError('NOT_FOUND', `${service} has no ${what}in ${region} (${code}). Check the id and the region.`, extra)
  }
  if (THROTTLE_CODES.has(code) || status === 429) {
    return new VirgilError(
      'RATE_LIMITED',
      `${service} is throttling our requests (${code}). Wait a few seconds and retry.`,
      { ...extra, retryAfterMs: THROTTLE_WAIT_MS }
    )
  }
  if (code === 'TimeoutError' || code === 'RequestTimeout' || code === 'ETIMEDOUT') {
    const seconds = Math.round((ctx.timeoutMs ?? DEFAULT_AWS_TIMEOUT_MS) / 1000)
    return new VirgilError('TIMEOUT', `${service} did not answer within ${seconds} s. Check the VPN or proxy, then retry.`, extra)
  }
  if (code === 'AbortError') {
    return new VirgilError('TIMEOUT', `The ${service} call ${ctx.action} was cancelled before it finished.`, extra)
  }
  if (NETWORK_CODES.has(code) || NETWORK_CODES.has(e.code ?? '')) {
    return new VirgilError(
      'UNAVAILABLE',
      `Could not reach ${service} in ${region} (${e.code ?? code}). Check the network, VPN or the endpoint in Settings → AWS.`,
      extra
    )
  }
  if ((status !== undefined && status >= 500) || e.$fault === 'server') {
    return new VirgilError(
      'UNAVAILABLE',
      `${service} failed on its side (${status ?? 'server'} ${code}). Retry in a minute; if it persists check the AWS Health Dashboard.`,
      extra
    )
  }
  if (status === 400 || e.$fault === 'client') {
    return new VirgilError('BAD_INPUT', `${service} rejected ${ctx.action} (${code}): ${e.message ?? 'no details'}.`, extra)
  }
  return new VirgilError('INTERNAL', `${service} ${ctx.action} failed (${code}): ${e.message ?? 'no details'}.`, extra)
}

/** Runs one SDK call and rewords its failure. */
export async function callAws<T>(ctx: AwsCallContext, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    throw mapAwsError(error, ctx)
  }
}
