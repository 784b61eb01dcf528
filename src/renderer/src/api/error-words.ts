import type { ErrorCode, ErrorInfo } from '../../../shared/errors'

const HEADLINES: Record<ErrorCode, (service: string) => string> = {
  BAD_INPUT: () => 'Something in the input needs fixing',
  NOT_FOUND: () => 'Not found',
  UNAUTHORIZED: (s) => `${s} rejected the credentials`,
  FORBIDDEN: (s) => (s === 'The service' ? 'Not allowed' : `${s} refused: not allowed`),
  RATE_LIMITED: (s) => `${s} is rate-limiting us`,
  QUOTA_EXCEEDED: (s) => `${s} quota is used up`,
  UNAVAILABLE: (s) => `${s} is not reachable`,
  TIMEOUT: (s) => `${s} took too long to answer`,
  CONFLICT: () => 'Someone changed this at the same time',
  NOT_CONFIGURED: (s) => `${s} is not set up yet`,
  CONFIRM_REQUIRED: () => 'This command needs a confirmation',
  INTERNAL: () => 'Virgil hit an unexpected problem'
}

function waitWords(ms: number): string {
  if (ms < 60_000) return `${Math.ceil(ms / 1000)} s`
  if (ms < 3_600_000) return `${Math.ceil(ms / 60_000)} min`
  return `${Math.ceil(ms / 3_600_000)} h`
}

export interface ErrorWords {
  headline: string
  detail: string
}

/** Known codes in words a tired analyst understands; the server's own message is the detail. */
export function describeError(error: ErrorInfo): ErrorWords {
  const headline = (HEADLINES[error.code] ?? HEADLINES.INTERNAL)(error.service ?? 'The service')
  const retry = error.retryAfterMs ? ` Try again in ${waitWords(error.retryAfterMs)}.` : ''
  return { headline, detail: `${error.message}${retry}`.trim() }
}

export function errorText(error: ErrorInfo): string {
  const { headline, detail } = describeError(error)
  return detail ? `${headline}: ${detail}` : headline
}
