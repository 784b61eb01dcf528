import { createHmac } from 'node:crypto'
import type { UserRef } from '../../../shared/domain'
import { canonicalJson } from './canonical'

/** An immutable fact in the log. */
export interface LogEvent<P = Record<string, unknown>> {
  id: string
  origin: string
  hlc: string
  type: string
  incidentId: string | null
  actor: UserRef
  payload: P
  prevHash: string
  hash: string
}

/** An event as the log (and an archive) stores it: actor and payload as their JSON text. */
export interface EventText {
  id: string
  origin: string
  hlc: string
  type: string
  incident_id: string | null
  actor: string
  payload: string
  prev_hash: string
  hash: string
}

/** A stored row as an event; `actor` may come already parsed (a reader that caches actors). */
export function textToEvent(r: EventText, actor: UserRef = JSON.parse(r.actor) as UserRef): LogEvent {
  return {
    id: r.id,
    origin: r.origin,
    hlc: r.hlc,
    type: r.type,
    incidentId: r.incident_id,
    actor,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    prevHash: r.prev_hash,
    hash: r.hash
  }
}

export const GENESIS = '0'.repeat(64)

/** Events are chained per incident and per origin, so replicas can verify each writer's history. */
export function chainName(incidentId: string | null, origin: string): string {
  return `${incidentId ?? '_global'}|${origin}`
}

/**
 * HMAC-SHA256(prev_hash || canonical(event)). `payloadJson` may be passed when the canonical
 * payload is already at hand (the append path), so it is not serialised twice.
 */
export function eventHash(key: Buffer, prevHash: string, e: Omit<LogEvent, 'hash' | 'prevHash'>, payloadJson?: string): string {
  const head = canonicalJson({ id: e.id, origin: e.origin, hlc: e.hlc, type: e.type, incidentId: e.incidentId, actor: e.actor })
  return createHmac('sha256', key)
    .update(prevHash)
    .update(head)
    .update('\n')
    .update(payloadJson ?? canonicalJson(e.payload))
    .digest('hex')
}
