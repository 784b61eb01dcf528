import { createHmac, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import { canonicalJson } from '../log/canonical'
import type { LogEvent } from '../log/event'

/**
 * An event on the wire: the log event plus `mac`, an HMAC-SHA256 under the team key over the
 * event's hash, its link and its whole content. Each receiver recomputes it, so a replicated
 * chain proves its content and not only its order. Without a team key a published constant is
 * used: that still catches corruption, not forgery (set Settings → Sync → Team key).
 */
export const wireSchema = z.object({
  id: z.string().min(1).max(100),
  origin: z.string().min(1).max(100),
  hlc: z.string().min(1).max(100),
  type: z.string().min(1).max(100),
  incidentId: z.string().min(1).max(100).nullable(),
  actor: z.object({ id: z.string().max(200), name: z.string().max(200) }),
  payload: z.record(z.string(), z.unknown()),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  mac: z.string().regex(/^[0-9a-f]{64}$/)
})
export type WireEvent = z.infer<typeof wireSchema>

const PUBLIC_KEY = Buffer.from('virgil-team-digest-v1')

export function teamKey(secret: string | null | undefined): Buffer {
  return secret ? Buffer.from(secret, 'utf8') : PUBLIC_KEY
}

export function wireMac(key: Buffer, e: LogEvent, payloadJson?: string): string {
  return macBytes(key, e, payloadJson).toString('hex')
}

function macBytes(key: Buffer, e: LogEvent, payloadJson?: string): Buffer {
  // canonicalJson of the head, its keys written in sorted order (the head is all strings, or null).
  const head = JSON.stringify({ actor: { id: e.actor.id, name: e.actor.name }, hlc: e.hlc, id: e.id, incidentId: e.incidentId, origin: e.origin, type: e.type })
  // One update of the joined text: the same MAC as one update per part, a crossing into C++ instead of five.
  return createHmac('sha256', key)
    .update(`${e.hash}${e.prevHash}${head}\n${payloadJson ?? canonicalJson(e.payload)}`)
    .digest()
}

export function toWire(key: Buffer, e: LogEvent): WireEvent {
  const actor = { id: e.actor.id, name: e.actor.name }
  return { id: e.id, origin: e.origin, hlc: e.hlc, type: e.type, incidentId: e.incidentId, actor, payload: e.payload, prevHash: e.prevHash, hash: e.hash, mac: wireMac(key, e) }
}

/** Why the content does not match its mac, or null when it does. */
export function macProblem(key: Buffer, e: WireEvent, payloadJson?: string): string | null {
  const expected = macBytes(key, e, payloadJson)
  const got = Buffer.from(e.mac, 'hex')
  return expected.length === got.length && timingSafeEqual(expected, got)
    ? null
    : 'its content does not match its hash (changed on the way, or signed with another team key)'
}

export type Parsed = { ok: true; event: WireEvent } | { ok: false; reason: string; partial: Partial<Record<'id' | 'origin' | 'type' | 'incidentId', string>> }

/** Parses one message body; never throws. */
export function parseWire(body: Uint8Array): Parsed {
  let raw: unknown
  try {
    raw = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'))
  } catch {
    return { ok: false, reason: 'it is not JSON', partial: {} }
  }
  const event = fastWire(raw)
  if (event) return { ok: true, event }
  const parsed = wireSchema.safeParse(raw)
  if (parsed.success) return { ok: true, event: parsed.data }
  const issue = parsed.error.issues[0]
  const partial: Partial<Record<'id' | 'origin' | 'type' | 'incidentId', string>> = {}
  if (raw && typeof raw === 'object') {
    for (const k of ['id', 'origin', 'type', 'incidentId'] as const) {
      const v = (raw as Record<string, unknown>)[k]
      if (typeof v === 'string') partial[k] = v.slice(0, 100)
    }
  }
  return { ok: false, reason: `it is not a Virgil event: ${issue?.path.join('.') || 'body'} ${issue?.message ?? 'is invalid'}`, partial }
}

const HEX64 = /^[0-9a-f]{64}$/
const text = (v: unknown, min: number, max: number): v is string => typeof v === 'string' && v.length >= min && v.length <= max
const plain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * `wireSchema` written out by hand for the catch-up's hot path (zod's parse was a tenth of it):
 * accepts only what the schema accepts and returns what it returns (unknown keys stripped). Null
 * for anything else, which the schema then parses to say why, so reasons stay the schema's.
 */
function fastWire(raw: unknown): WireEvent | null {
  if (!plain(raw)) return null
  const { id, origin, hlc, type, incidentId, actor, payload, prevHash, hash, mac } = raw
  if (!text(id, 1, 100) || !text(origin, 1, 100) || !text(hlc, 1, 100) || !text(type, 1, 100)) return null
  if (incidentId !== null && !text(incidentId, 1, 100)) return null
  if (!plain(actor) || !text(actor.id, 0, 200) || !text(actor.name, 0, 200)) return null
  if (!plain(payload) || Object.hasOwn(payload, '__proto__')) return null
  if (typeof prevHash !== 'string' || !HEX64.test(prevHash) || typeof hash !== 'string' || !HEX64.test(hash) || typeof mac !== 'string' || !HEX64.test(mac)) return null
  return { id, origin, hlc, type, incidentId, actor: { id: actor.id, name: actor.name }, payload, prevHash, hash, mac }
}
