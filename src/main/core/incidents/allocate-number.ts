import { formatIncidentNumber } from '../../../shared/incident-number'
import type { Db } from '../db/open-db'
import { createLogger } from '../logger'
import { highestIncidentNumber } from './incident-repo'

const log = createLogger('incidents')

/** Numbers from the team (sync/numbers.ts installs it while team sync is on). */
export interface TeamNumbering {
  /** This workstation's id, part of a provisional number. */
  origin: string
  /** The team's next number, or null when the team cannot be asked now (offline, slow). */
  next(): Promise<string | null>
}

const teams = new WeakMap<Db, TeamNumbering>()

export function setTeamNumbering(db: Db, numbering: TeamNumbering | undefined): void {
  if (numbering) teams.set(db, numbering)
  else teams.delete(db)
}

/** A provisional number says so: INC-P-<workstation>-<n>; the team's final one replaces it on reconnect. */
export const PROVISIONAL_PREFIX = 'INC-P-'

export function isProvisionalNumber(number: string): boolean {
  return number.startsWith(PROVISIONAL_PREFIX)
}

/** The team's number when the team can be asked now; null otherwise (then allocate one here). */
export async function teamIncidentNumber(db: Db): Promise<string | null> {
  const team = teams.get(db)
  if (!team) return null
  try {
    return await team.next()
  } catch (err) {
    log.warn('the team did not give a number; using a provisional one', { error: err instanceof Error ? err.message : String(err) })
    return null
  }
}

/** The highest final number this workstation has seen (its own or replicated). */
export function highestNumberSeen(db: Db): number {
  return highestIncidentNumber(db)
}

/**
 * A number allocated here, without the team. Alone: one past both this workstation's counter and
 * the highest number it has seen. In a team: a provisional number unique to this workstation,
 * which the team's counter replaces as soon as it can be reached.
 */
export function allocateIncidentNumber(db: Db): string {
  const team = teams.get(db)
  return db.transaction(() => {
    const key = team ? 'provisional_counter' : 'incident_counter'
    const counter = db.prepare(`SELECT value FROM meta WHERE key = ?`).get(key) as { value: string } | undefined
    const next = team ? (counter ? Number(counter.value) : 0) + 1 : Math.max(counter ? Number(counter.value) : 0, highestNumberSeen(db)) + 1
    db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(key, String(next))
    return team ? `${PROVISIONAL_PREFIX}${team.origin}-${next}` : formatIncidentNumber(next)
  })()
}
