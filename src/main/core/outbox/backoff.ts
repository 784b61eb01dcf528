import type { ErrorInfo } from '../../../shared/errors'

export type FailureAction = { kind: 'retry'; delayMs: number } | { kind: 'park' }

const NEEDS_A_HUMAN = new Set(['UNAUTHORIZED', 'FORBIDDEN', 'NOT_CONFIGURED', 'BAD_INPUT'])
const BASE_MS = 1_000
const MAX_MS = 5 * 60_000

/**
 * What to do after a failed delivery: wait what the service asked (Retry-After), back off
 * exponentially with jitter on outages, or park what only a human can fix (a revoked token).
 */
export function onFailure(error: ErrorInfo, attempts: number, random: () => number = Math.random): FailureAction {
  if (NEEDS_A_HUMAN.has(error.code)) return { kind: 'park' }
  if (error.code === 'RATE_LIMITED' || error.code === 'QUOTA_EXCEEDED') {
    return { kind: 'retry', delayMs: Math.max(error.retryAfterMs ?? 30_000, 250) }
  }
  const exp = Math.min(MAX_MS, BASE_MS * 2 ** Math.max(0, attempts - 1))
  return { kind: 'retry', delayMs: Math.round(exp / 2 + random() * (exp / 2)) }
}
