import type { IncomingMessage, ServerResponse } from 'node:http'

/** Request parameters as Slack reads them: query string, form-urlencoded, JSON or multipart bodies. */
export type Params = Record<string, unknown>

/** A Slack API error: HTTP 200 with `{ ok: false, error }` plus any extra fields (`needed`, `provided`). */
export class SlackApiError extends Error {
  constructor(
    readonly error: string,
    readonly extra: Record<string, unknown> = {}
  ) {
    super(error)
  }
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export async function parseParams(req: IncomingMessage, body: Buffer, query: URLSearchParams): Promise<{ params: Params; isJson: boolean }> {
  const type = (req.headers['content-type'] ?? '').toLowerCase()
  const params: Params = Object.fromEntries(query)
  let isJson = false
  if (body.length === 0) return { params, isJson }
  if (type.startsWith('application/json')) {
    isJson = true
    const parsed: unknown = JSON.parse(body.toString('utf8'))
    if (parsed && typeof parsed === 'object') Object.assign(params, parsed)
  } else if (type.startsWith('multipart/form-data')) {
    const form = await new Request('http://standin.invalid/', { method: 'POST', headers: { 'content-type': type }, body }).formData()
    for (const [key, value] of form) params[key] = typeof value === 'string' ? value : Buffer.from(await value.arrayBuffer())
  } else {
    Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString('utf8'))))
  }
  return { params, isJson }
}

export function str(params: Params, name: string): string | undefined {
  const value = params[name]
  if (value === undefined || value === null) return undefined
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value)
}

export function bool(params: Params, name: string): boolean {
  const value = str(params, name)
  return value === 'true' || value === '1'
}

/** Slack accepts structured arguments (blocks, metadata, files) as JSON strings in forms, or as JSON values. */
export function json(params: Params, name: string, errorCode = 'invalid_arguments'): unknown {
  const value = params[name]
  if (typeof value !== 'string') return value
  try {
    return JSON.parse(value) as unknown
  } catch {
    throw new SlackApiError(errorCode)
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
  res.end(JSON.stringify(body))
}

export interface RateLimit {
  /** Sustained calls per minute. */
  perMinute: number
  /** Calls allowed back to back before the sustained rate applies. */
  burst: number
  /** Count per channel (chat.postMessage is about 1 per second per channel). */
  perChannel?: boolean
}

/** Limits shaped like Slack's published tiers, for benches and e2e runs that want realism. */
export const SLACK_TIER_LIMITS: Record<string, RateLimit> = {
  'chat.postMessage': { perMinute: 60, burst: 3, perChannel: true },
  'chat.update': { perMinute: 50, burst: 10 },
  'conversations.history': { perMinute: 50, burst: 10 },
  'conversations.replies': { perMinute: 50, burst: 10 },
  'conversations.create': { perMinute: 20, burst: 5 },
  'conversations.invite': { perMinute: 50, burst: 10 },
  'files.getUploadURLExternal': { perMinute: 20, burst: 5 },
  'files.completeUploadExternal': { perMinute: 20, burst: 5 },
  'users.lookupByEmail': { perMinute: 100, burst: 20 },
  'apps.connections.open': { perMinute: 1, burst: 5 }
}

/** Token buckets per method (and channel); `take` answers 0 when allowed, else the Retry-After seconds. */
export function createRateLimiter(initial: Record<string, RateLimit>) {
  const limits = new Map(Object.entries(initial))
  const buckets = new Map<string, { tokens: number; at: number }>()
  return {
    set(method: string, limit: RateLimit | null) {
      if (limit) limits.set(method, limit)
      else limits.delete(method)
      for (const key of buckets.keys()) if (key.startsWith(`${method}|`)) buckets.delete(key)
    },
    take(method: string, channel: string | undefined, now = Date.now()): number {
      const limit = limits.get(method)
      if (!limit) return 0
      const key = `${method}|${limit.perChannel ? (channel ?? '') : ''}`
      const perMs = limit.perMinute / 60_000
      const bucket = buckets.get(key) ?? { tokens: limit.burst, at: now }
      bucket.tokens = Math.min(limit.burst, bucket.tokens + (now - bucket.at) * perMs)
      bucket.at = now
      buckets.set(key, bucket)
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1
        return 0
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000))
    }
  }
}
