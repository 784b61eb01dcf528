import { createHash } from 'node:crypto'
import { canonicalJson } from '../log/canonical'
import { GENESIS, type EventText, type LogEvent } from '../log/event'

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
  return foldBody(previous, body)
}

export const foldBody = (previous: string, body: string): string => createHash('sha256').update(previous).update('\n').update(body).digest('hex')

export type { EventText }

const q = JSON.stringify

/**
 * The text `foldDigest` hashes, built from the stored row without parsing its payload: the log
 * stores every payload as canonical JSON (sorted keys, written by `canonicalJson`), and re-parsing
 * and re-sorting it gives back the same bytes, so the stored text is spliced in as it is. A payload
 * that is not canonical (edited by hand in an archive) hashes differently: read as an edit, which
 * it is. The keys are written in `canonicalJson`'s order. `actors` caches each actor's `{id, name}`.
 */
export function digestBody(r: EventText, actors: Map<string, string>): string {
  let actor = actors.get(r.actor)
  if (actor === undefined) {
    const a = JSON.parse(r.actor) as { id?: unknown; name?: unknown }
    actor = canonicalJson({ id: a.id, name: a.name })
    actors.set(r.actor, actor)
  }
  return `{"actor":${actor},"hash":${q(r.hash)},"hlc":${q(r.hlc)},"id":${q(r.id)},"incidentId":${r.incident_id === null ? 'null' : q(r.incident_id)},"origin":${q(r.origin)},"payload":${r.payload},"prevHash":${q(r.prev_hash)},"type":${q(r.type)}}`
}

export const DIGEST_GENESIS = GENESIS
