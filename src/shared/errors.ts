/** Stable error codes that cross the IPC boundary; the renderer words them for analysts. */
export const ERROR_CODES = [
  'BAD_INPUT',
  'NOT_FOUND',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'QUOTA_EXCEEDED',
  'UNAVAILABLE',
  'TIMEOUT',
  'CONFLICT',
  'NOT_CONFIGURED',
  'CONFIRM_REQUIRED',
  'INTERNAL'
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ErrorInfo {
  code: ErrorCode
  message: string
  /** Milliseconds after which a retry may succeed (429 Retry-After, quota window). */
  retryAfterMs?: number
  /** Which outside service the error came from, e.g. "VirusTotal". */
  service?: string
}

/** A domain error with a stable code and a message an analyst can act on. */
export class VirgilError extends Error {
  readonly code: ErrorCode
  readonly retryAfterMs?: number
  readonly service?: string

  constructor(code: ErrorCode, message: string, extra: { retryAfterMs?: number; service?: string } = {}) {
    super(message)
    this.name = 'VirgilError'
    this.code = code
    if (extra.retryAfterMs !== undefined) this.retryAfterMs = extra.retryAfterMs
    if (extra.service !== undefined) this.service = extra.service
  }

  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message }
    if (this.retryAfterMs !== undefined) info.retryAfterMs = this.retryAfterMs
    if (this.service !== undefined) info.service = this.service
    return info
  }
}

export function isVirgilError(e: unknown): e is VirgilError {
  return e instanceof VirgilError
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = (error: ErrorInfo): Result<never> => ({ ok: false, error })
