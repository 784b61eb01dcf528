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
