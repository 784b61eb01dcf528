import type { Db } from '../db/open-db'
import { verifyLog, type ChainProblem } from '../log/verify'

export interface VerificationStamp {
  ok: boolean
  events: number
  chains: number
  /** Replicated events whose links were checked; their signatures need the writer's key. */
  linkOnly: number
  problems: ChainProblem[]
  /** The last hash of each writer's chain: quoting it pins the report to this exact log. */
  heads: { origin: string; hash: string }[]
  checkedAt: number
  algorithm: string
  /** One line a reader can quote. */
  text: string
}

/**
 * Verifies the incident's hash chains at render time. One function on purpose: the archive work
 * extends it with the Ed25519 checkpoint covering the chain heads.
 */
export function verificationStamp(db: Db, key: Buffer, incidentId: string, now: number = Date.now()): VerificationStamp {
  const report = verifyLog(db, key, incidentId)
  const heads = db
    .prepare(
      `SELECT e.origin AS origin, e.hash AS hash FROM events e
       WHERE e.seq IN (SELECT max(seq) FROM events WHERE incident_id = ? GROUP BY origin) ORDER BY e.origin`
    )
    .all(incidentId) as { origin: string; hash: string }[]
  const ok = report.problems.length === 0
  const when = new Date(now).toISOString()
  const head = heads.map((h) => `${h.origin}:${h.hash.slice(0, 16)}`).join(', ')
  const text = ok
    ? `VERIFIED: ${report.events} events in ${report.chains} chain${report.chains === 1 ? '' : 's'}, unaltered, checked ${when}; chain head ${head}`
    : `NOT VERIFIED: ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'} in ${report.events} events, checked ${when}: ${report.problems[0]?.reason ?? ''}`
  return {
    ok,
    events: report.events,
    chains: report.chains,
    linkOnly: report.linkOnly,
    problems: report.problems,
    heads,
    checkedAt: now,
    algorithm: 'HMAC-SHA256(prev_hash || canonical(event)), chained per incident and workstation',
    text
  }
}
