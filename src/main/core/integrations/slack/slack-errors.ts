import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError
} from '@slack/web-api'
import { VirgilError, isVirgilError } from '../../../../shared/errors'

const service = 'Slack'
export type SlackTokenKind = 'bot' | 'app'

const AUTH_ERRORS = new Set(['not_authed', 'invalid_auth', 'token_revoked', 'token_expired', 'account_inactive', 'not_allowed_token_type'])
const BAD_INPUT_ERRORS = new Set([
  'invalid_name',
  'invalid_name_specials',
  'invalid_name_required',
  'invalid_name_maxlength',
  'invalid_name_punctuation',
  'invalid_blocks',
  'invalid_arguments',
  'invalid_metadata_format',
  'msg_too_long',
  'no_text'
])

export interface SlackErrorContext {
  method: string
  tokenKind?: SlackTokenKind
  timeoutMs?: number
  /** Used when Slack answers 429 without a usable Retry-After. */
  defaultRetryAfterMs?: number
}

function fix(tokenKind: SlackTokenKind): string {
  return tokenKind === 'app'
    ? 'Create a new app-level token with connections:write and paste it in Settings → Slack.'
    : 'Reinstall the Virgil app and paste the new token in Settings.'
}

function fromPlatformError(data: { error: string; needed?: unknown }, ctx: SlackErrorContext): VirgilError {
  const code = data.error
  const tokenKind = ctx.tokenKind ?? 'bot'
  const tokenName = tokenKind === 'app' ? 'app-level token' : 'bot token'
  if (AUTH_ERRORS.has(code)) return new VirgilError('UNAUTHORIZED', `Slack rejected the ${tokenName} (${code}). ${fix(tokenKind)}`, { service })
  if (code === 'missing_scope') {
    const needed = typeof data.needed === 'string' && data.needed !== '' ? data.needed : 'an unnamed scope'
    return new VirgilError(
      'FORBIDDEN',
      `The Virgil Slack app lacks the ${needed} scope (needed by ${ctx.method}). Add it under OAuth & Permissions, reinstall the app, and paste the new token in Settings.`,
      { service }
    )
  }
  if (code === 'ratelimited' || code === 'rate_limited') return rateLimited(ctx, undefined)
  if (code === 'channel_not_found') return new VirgilError('NOT_FOUND', `Slack cannot find that channel (${ctx.method}): it was deleted, or the Virgil app is not in it.`, { service })
  if (code === 'message_not_found') return new VirgilError('NOT_FOUND', `Slack cannot find that message (${ctx.method}): it was probably deleted in Slack.`, { service })
  if (code === 'users_not_found' || code === 'user_not_found') return new VirgilError('NOT_FOUND', `Slack has no user with that email or id (${ctx.method}).`, { service })
  if (code === 'is_archived') return new VirgilError('CONFLICT', `The Slack channel is archived, so ${ctx.method} was refused. Unarchive it or reopen the incident.`, { service })
  if (code === 'name_taken') return new VirgilError('CONFLICT', 'That Slack channel name is already taken.', { service })
  if (code === 'not_in_channel') return new VirgilError('FORBIDDEN', `The Virgil app is not a member of that Slack channel (${ctx.method}). Invite the app to the channel.`, { service })
  if (code === 'cant_update_message' || code === 'edit_window_closed') return new VirgilError('FORBIDDEN', `Slack refused to edit that message (${code}).`, { service })
  if (code === 'restricted_action') return new VirgilError('FORBIDDEN', `The Slack workspace's settings forbid ${ctx.method} for apps (restricted_action). Ask a Slack admin.`, { service })
  if (BAD_INPUT_ERRORS.has(code)) return new VirgilError('BAD_INPUT', `Slack refused ${ctx.method} as malformed (${code}).`, { service })
  if (code === 'request_timeout') return timeout(ctx)
  if (code === 'fatal_error' || code === 'internal_error' || code === 'service_unavailable') {
    return new VirgilError('UNAVAILABLE', `Slack had an internal error on ${ctx.method} (${code}). It will be retried.`, { service })
  }
  return new VirgilError('INTERNAL', `Slack refused ${ctx.method} (${code}).`, { service })
}

function rateLimited(ctx: SlackErrorContext, retryAfterSeconds: number | undefined): VirgilError {
  const retryAfterMs = retryAfterSeconds !== undefined ? retryAfterSeconds * 1000 : (ctx.defaultRetryAfterMs ?? 30_000)
  return new VirgilError('RATE_LIMITED', `Slack is rate-limiting ${ctx.method}; it will be retried in ${Math.ceil(retryAfterMs / 1000)} s.`, {
    service,
    retryAfterMs
  })
}

function timeout(ctx: SlackErrorContext): VirgilError {
  const after = ctx.timeoutMs !== undefined ? ` within ${Math.round(ctx.timeoutMs / 100) / 10} s` : ''
  return new VirgilError('TIMEOUT', `Slack did not answer ${ctx.method}${after}. It will be retried.`, { service })
}

function isTimeout(error: Error): boolean {
  return error.name === 'TimeoutError' || error.name === 'AbortError'
}

/** Turns whatever @slack/web-api (or fetch) threw into a VirgilError an analyst can act on. */
export function toVirgilError(error: unknown, ctx: SlackErrorContext): VirgilError {
  if (isVirgilError(error)) return error
  if (error instanceof WebAPIRateLimitedError) return rateLimited(ctx, error.retryAfter)
  if (error instanceof WebAPIPlatformError) return fromPlatformError(error.data, ctx)
  if (error instanceof WebAPIHTTPError) {
    if (error.statusCode === 429) return rateLimited(ctx, undefined)
    return new VirgilError('UNAVAILABLE', `Slack answered ${ctx.method} with HTTP ${error.statusCode}; Slack may be having an outage. It will be retried.`, { service })
  }
  if (error instanceof WebAPIRequestError) {
    if (isTimeout(error.original)) return timeout(ctx)
    const cause = (error.original as { cause?: { code?: string } }).cause?.code ?? error.original.message
    return new VirgilError('UNAVAILABLE', `Could not reach Slack for ${ctx.method} (${cause}). Check the network; it will be retried.`, { service })
  }
  if (error instanceof Error && isTimeout(error)) return timeout(ctx)
  if (error instanceof Error && /Retry header did not contain a valid timeout/.test(error.message)) return rateLimited(ctx, undefined)
  const message = error instanceof Error ? error.message : String(error)
  return new VirgilError('INTERNAL', `Slack call ${ctx.method} failed unexpectedly: ${message}`, { service })
}
