import { createHash } from 'node:crypto'
import { canonicalJson } from '../log/canonical'
import { GENESIS, type LogEvent } from '../log/event'

/**
 * A key-free running digest over one chain (incident × origin), in chain order. The log's own hashes
 * are keyed per workstation, so nobody else can recompute them; this digest anyone can, and a signed
 * checkpoint over it proves to an auditor that no event was edited, dropped or appended since.
 */
export function foldDigest(previous: string, e: LogEvent): string {
  const body = canonicalJson({
    id: e.id,
    origin: e.origin,
    hlc: e.hlc,
    type: e.type,
    incidentId: e.incidentId,
    actor: { id: e.actor.id, name: e.actor.name },
    payload: e.payload,
    prevHash: e.prevHash,
    hash: e.hash
  })
  return createHash('sha256').update(previous).update('\n').update(body).digest('hex')
}

export const DIGEST_GENESIS = GENESIS
