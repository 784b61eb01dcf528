import { VirgilError } from '../../../shared/errors'

export interface RequestJsonOptions {
  method?: string
  headers?: Record<string, string>
  /** A string is sent as is; anything else is sent as JSON. */
  body?: unknown
  timeoutMs: number
  /** The name analysts know the service by, e.g. "VirusTotal". */
  service: string
  signal?: AbortSignal
  /** Redirects to follow before giving up (credentials are dropped when one leaves the origin). */
  maxRedirects?: number
}

export interface JsonResponse<T> {
  status: number
  body: T
  headers: Headers
  /** The URL that finally answered, after redirects. */
  url: string
}

const CREDENTIAL_HEADERS = ['authorization', 'x-apikey', 'cookie']
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])

/** JSON over fetch, with every failure turned into a VirgilError an analyst can act on. */
export async function requestJson<T>(url: string, options: RequestJsonOptions): Promise<JsonResponse<T>> {
  const { service, timeoutMs } = options
  const timeout = AbortSignal.timeout(timeoutMs)
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout
  const maxRedirects = options.maxRedirects ?? 5
  let method = (options.method ?? 'GET').toUpperCase()
  let headers: Record<string, string> = { accept: 'application/json', ...options.headers }
  let body = encodeBody(options.body, headers)
  let current = new URL(url)

  try {
    for (let hop = 0; ; hop++) {
      const response = await fetch(current, { method, headers, body, signal, redirect: 'manual' })
      const location = response.headers.get('location')
      if (REDIRECT_STATUSES.has(response.status) && location) {
        await response.body?.cancel()
        if (hop >= maxRedirects) {
          throw new VirgilError('UNAVAILABLE', `${service} redirected more than ${maxRedirects} times (last to ${location}); the service or its base URL is misconfigured.`, { service })
        }
        const next = new URL(location, current)
        if (next.origin !== current.origin) headers = withoutCredentials(headers)
        if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
          method = 'GET'
          body = undefined
        }
        current = next
        continue
      }
      const text = await response.text()
      if (!response.ok) throw statusError(service, response.status, response.headers, text)
      return { status: response.status, body: parseBody<T>(service, text), headers: response.headers, url: current.toString() }
    }
  } catch (error) {
    if (error instanceof VirgilError) throw error
    if (timeout.aborted) {
      throw new VirgilError('TIMEOUT', `${service} did not answer within ${formatSeconds(timeoutMs)}. It may be slow or down; try again in a minute.`, { service })
    }
    if (options.signal?.aborted) throw options.signal.reason
    throw networkError(service, current, error)
  }
}

function encodeBody(body: unknown, headers: Record<string, string>): string | undefined {
  if (body === undefined) return undefined
  if (typeof body === 'string') return body
  headers['content-type'] ??= 'application/json'
  return JSON.stringify(body)
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.includes(name.toLowerCase())))
}

function parseBody<T>(service: string, text: string): T {
  if (text.trim() === '') return null as T
  try {
    return JSON.parse(text) as T
  } catch {
    throw new VirgilError('UNAVAILABLE', `${service} answered with something that is not JSON (${preview(text)}). A proxy or captive portal may be in the way.`, { service })
  }
}

function statusError(service: string, status: number, headers: Headers, text: string): VirgilError {
  const said = serviceSaid(text)
  if (status === 401 || status === 403) {
    const what = status === 401 ? 'rejected the credentials' : 'refused access'
    return new VirgilError('UNAUTHORIZED', `${service} ${what} (${status})${said}. Check the ${service} credentials in Settings.`, { service })
  }
  if (status === 404) return new VirgilError('NOT_FOUND', `${service} has no such record (404)${said}.`, { service })
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(headers, Date.now())
    const when = retryAfterMs === undefined ? 'in a minute' : `in ${formatSeconds(retryAfterMs)}`
    const extra = retryAfterMs === undefined ? { service } : { service, retryAfterMs }
    return new VirgilError('RATE_LIMITED', `${service} is rate limiting us (429)${said}. Try again ${when}.`, extra)
  }
  if (status >= 500) return new VirgilError('UNAVAILABLE', `${service} is having trouble (${status})${said}. Try again in a few minutes.`, { service })
  if (status === 409) return new VirgilError('CONFLICT', `${service} reported a conflict (409)${said}.`, { service })
  return new VirgilError('BAD_INPUT', `${service} refused the request (${status})${said}.`, { service })
}

/** Pulls the human part out of the usual error bodies: {error:{message}} (VirusTotal, ServiceNow) or {title, description} (RDAP). */
function serviceSaid(text: string): string {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return ''
  }
  if (!parsed || typeof parsed !== 'object') return ''
  const record = parsed as Record<string, unknown>
  const error = record.error as Record<string, unknown> | undefined
  const parts = [error?.message, error?.detail, record.title, ...(Array.isArray(record.description) ? record.description : [])]
  const words = parts.filter((part): part is string => typeof part === 'string' && part.trim() !== '')
  return words.length ? `: "${preview(words.join(' — '))}"` : ''
}

function networkError(service: string, url: URL, error: unknown): VirgilError {
  const code = errorCode(error)
  const host = url.host
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return new VirgilError('UNAVAILABLE', `Cannot reach ${service} at ${host} (${code}). Check the network, proxy or the ${service} URL in Settings.`, { service })
  }
  if (code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
    return new VirgilError('UNAVAILABLE', `Cannot reach ${service} at ${host}: its TLS certificate was not trusted (${code}).`, { service })
  }
  return new VirgilError('UNAVAILABLE', `Cannot reach ${service} at ${host}: the connection failed${code ? ` (${code})` : ''}. Try again shortly.`, { service })
}

function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

/**
 * Milliseconds to wait before retrying, from Retry-After (seconds or an HTTP date)
 * or X-RateLimit-Reset (epoch seconds; small values are taken as seconds from now).
 */
export function parseRetryAfter(headers: Headers, now: number): number | undefined {
  const retryAfter = headers.get('retry-after')?.trim()
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.round(Number(retryAfter) * 1000)
    const at = Date.parse(retryAfter)
    if (!Number.isNaN(at)) return Math.max(0, at - now)
  }
  const reset = headers.get('x-ratelimit-reset')?.trim()
  if (reset && /^\d+(\.\d+)?$/.test(reset)) {
    const value = Number(reset)
    return value < 1e9 ? Math.round(value * 1000) : Math.max(0, Math.round(value * 1000 - now))
  }
  return undefined
}

export function formatSeconds(ms: number): string {
  const seconds = ms / 1000
  if (seconds >= 120) return `${Math.round(seconds / 60)} min`
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > 160 ? `${flat.slice(0, 157)}…` : flat
}
