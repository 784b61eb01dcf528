import type { Db } from '../db/open-db'
import { chainName, eventHash, GENESIS } from './event'
import { rowToEvent } from './event-log'
import { throughQuarantine, wasReleased } from './quarantine'

export interface ChainProblem {
  seq: number
  eventId: string
  incidentId: string | null
  reason: string
}

export interface VerifyReport {
  events: number
  chains: number
  /** Events from other workstations: their links are checked; their signatures need that workstation's key. */
  linkOnly: number
  problems: ChainProblem[]
}

/**
 * Walks every chain from genesis; the first broken link of each chain is reported. Events this
 * workstation wrote are checked against its key; replicated ones (another origin) by their links.
 */
export function verifyLog(db: Db, key: Buffer, incidentId?: string): VerifyReport {
  const local = (db.prepare(`SELECT value FROM meta WHERE key = 'origin'`).get() as { value: string } | undefined)?.value
  const stmt = incidentId
    ? db.prepare('SELECT * FROM events WHERE incident_id = ? ORDER BY seq')
    : db.prepare('SELECT * FROM events ORDER BY seq')
  const heads = new Map<string, string>()
  const broken = new Set<string>()
  const problems: ChainProblem[] = []
  let count = 0
  let linkOnly = 0
  for (const row of (incidentId ? stmt.iterate(incidentId) : stmt.iterate()) as Iterable<Parameters<typeof rowToEvent>[0]>) {
    count++
    const e = rowToEvent(row)
    const chain = chainName(e.incidentId, e.origin)
    if (broken.has(chain)) continue
    const expectedPrev = heads.get(chain) ?? GENESIS
    // Released from quarantine: the chain already stepped over it where it was held.
    if (e.prevHash !== expectedPrev && wasReleased(db, e)) {
      if (local !== undefined && e.origin !== local) linkOnly++
      continue
    }
    let reason: string | null = null
    const linked = e.prevHash === expectedPrev || throughQuarantine(db, e.origin, e.incidentId, expectedPrev, e.prevHash)
    if (!linked) reason = 'its link to the previous event does not match (an event was removed or reordered)'
    else if (local !== undefined && e.origin !== local) linkOnly++
    else if (eventHash(key, e.prevHash, e) !== e.hash) reason = 'its content does not match its hash (it was edited)'
    if (reason) {
      broken.add(chain)
      problems.push({ seq: e.seq, eventId: e.id, incidentId: e.incidentId, reason })
      continue
    }
    heads.set(chain, e.hash)
  }
  if (!incidentId) {
    const stored = db.prepare('SELECT chain, hash FROM chain_heads').all() as { chain: string; hash: string }[]
    for (const h of stored) {
      const [incident, origin] = h.chain.split('|') as [string, string]
      const walked = heads.get(h.chain) ?? GENESIS
      const reached = walked === h.hash || throughQuarantine(db, origin, incident === '_global' ? null : incident, walked, h.hash)
      if (!broken.has(h.chain) && !reached) {
        problems.push({ seq: -1, eventId: '', incidentId: h.chain.split('|')[0] ?? null, reason: 'the chain ends early: its last events were deleted' })
      }
    }
  }
  return { events: count, chains: heads.size + broken.size, linkOnly, problems }
}
