import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'

export type AlertSourceKind = 'splunk' | 'generic'

/** Signed requests older or newer than this are refused: a captured request cannot be replayed later. */
export const SIGNATURE_TOLERANCE_MS = 5 * 60_000

/**
 * The token one sender kind uses, derived from the vault secret `alerts.token`: a leaked Splunk URL
 * does not open the generic endpoint. The secret itself works for every kind.
 */
export function alertSourceToken(secret: string, source: AlertSourceKind): string {
  return createHmac('sha256', secret).update(`virgil-alert-source:${source}`).digest('base64url').slice(0, 43)
}

function same(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest()
  const db = createHash('sha256').update(b).digest()
  return timingSafeEqual(da, db)
}

/** The credential presented: a token in the path, else a Bearer token, else the password of HTTP Basic (the user name is ignored). */
export function presentedToken(pathToken: string | undefined, headers: IncomingHttpHeaders): string | undefined {
  if (pathToken) return pathToken
  const header = headers.authorization ?? ''
  const [scheme, value = ''] = header.split(' ', 2)
  if (scheme?.toLowerCase() === 'bearer') return value.trim() || undefined
  if (scheme?.toLowerCase() !== 'basic') return undefined
  const decoded = Buffer.from(value, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  return colon < 0 ? undefined : decoded.slice(colon + 1)
}

export function isValidToken(secret: string, source: AlertSourceKind, presented: string): boolean {
  // Evaluate both so the answer takes the same time whichever matched.
  const scoped = same(presented, alertSourceToken(secret, source))
  const master = same(presented, secret)
  return scoped || master
}

export type SignatureCheck =
  | { ok: true; signature?: string }
  | { ok: false; status: 401; message: string }

/**
 * HMAC-SHA256 over `${timestamp}.${rawBody}`, keyed with the token the sender authenticated with,
 * in X-Virgil-Signature (hex, optionally "sha256=…") with X-Virgil-Timestamp (Unix seconds).
 */
export function checkSignature(headers: IncomingHttpHeaders, raw: Buffer, key: string, now: number, required: boolean): SignatureCheck {
  const signature = String(headers['x-virgil-signature'] ?? '').trim()
  const stamp = String(headers['x-virgil-timestamp'] ?? '').trim()
  if (!signature && !stamp) {
    return required ? { ok: false, status: 401, message: 'This receiver only accepts signed alerts: send X-Virgil-Signature and X-Virgil-Timestamp.' } : { ok: true }
  }
  if (!/^\d{9,13}$/.test(stamp)) return { ok: false, status: 401, message: 'X-Virgil-Timestamp must be Unix time in seconds.' }
  const at = stamp.length >= 13 ? Number(stamp) : Number(stamp) * 1000
  if (Math.abs(now - at) > SIGNATURE_TOLERANCE_MS) {
    return { ok: false, status: 401, message: 'The signature timestamp is more than 5 minutes away from our clock: stale or replayed. Check the sender clock (NTP).' }
  }
  const hex = signature.replace(/^sha256=/i, '').toLowerCase()
  const expected = signAlert(key, stamp, raw)
  if (!/^[0-9a-f]{64}$/.test(hex) || !timingSafeEqual(Buffer.from(hex, 'hex'), Buffer.from(expected, 'hex'))) {
    return { ok: false, status: 401, message: 'The X-Virgil-Signature does not match the body: wrong key or the body was altered.' }
  }
  return { ok: true, signature: hex }
}

export function signAlert(key: string, timestamp: string, raw: Buffer | string): string {
  return createHmac('sha256', key).update(`${timestamp}.`).update(raw).digest('hex')
}
