import type { Db } from '../db/open-db'
import { stmt } from '../db/statements'
import type { BurstScope } from '../log/burst-scope'

const COUNT_LINES = 'UPDATE incidents SET message_count = message_count + ?, updated_at = max(updated_at, ?) WHERE id = ?'

/** Per burst: new lines and the latest line time of each incident. */
const tallies = new WeakMap<BurstScope, Map<string, { lines: number; at: number }>>()

/**
 * Counts a new line in its incident: at once, or in a burst once per incident when it ends (an
 * update per line was a twentieth of a catch-up). Sums and maxima, so the order does not matter.
 */
export function countLine(db: Db, incidentId: string, at: number, burst?: BurstScope): void {
  if (!burst) {
    stmt(db, COUNT_LINES).run(1, at, incidentId)
    return
  }
  let tally = tallies.get(burst)
  if (!tally) {
    const fresh = new Map<string, { lines: number; at: number }>()
    tallies.set(burst, fresh)
    burst.atEnd(() => {
      tallies.delete(burst)
      for (const [id, t] of fresh) stmt(db, COUNT_LINES).run(t.lines, t.at, id)
    })
    tally = fresh
  }
  const t = tally.get(incidentId)
  if (t) {
    t.lines++
    if (at > t.at) t.at = at
  } else tally.set(incidentId, { lines: 1, at })
}
