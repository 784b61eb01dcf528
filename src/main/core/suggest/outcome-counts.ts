import { SUGGESTION_KINDS, type SuggestionKind } from '../../../shared/domain'
import type { Db } from '../db/open-db'

export interface OutcomeCounts {
  kind: SuggestionKind
  taken: number
  dismissed: number
  ignored: number
}

export interface OutcomeFilter {
  /** Outcomes recorded in [from, to); all of them when absent. */
  from?: number
  to?: number
  /** Rooms the reader may not see: they count nowhere. */
  hidden?: ReadonlySet<string>
}

/**
 * What became of the sidebar's suggestions (`suggestion.outcome` events), per kind, read through
 * the partial index on those events. Both the sidebar's acceptance panel and the KPI dashboard use it.
 */
export function countOutcomes(db: Db, filter: OutcomeFilter = {}): Map<SuggestionKind, OutcomeCounts> {
  const rows = db
    .prepare(
      `SELECT incident_id AS incidentId, json_extract(payload, '$.kind') AS kind, json_extract(payload, '$.outcome') AS outcome, count(*) AS n
       FROM events WHERE type = 'suggestion.outcome' AND recorded_at >= ? AND recorded_at < ?
       GROUP BY incident_id, kind, outcome`
    )
    .all(filter.from ?? 0, filter.to ?? Number.MAX_SAFE_INTEGER) as { incidentId: string | null; kind: string; outcome: string; n: number }[]
  const counts = new Map<SuggestionKind, OutcomeCounts>()
  for (const r of rows) {
    if (r.incidentId && filter.hidden?.has(r.incidentId)) continue
    if (!(SUGGESTION_KINDS as readonly string[]).includes(r.kind)) continue
    if (r.outcome !== 'taken' && r.outcome !== 'dismissed' && r.outcome !== 'ignored') continue
    const kind = r.kind as SuggestionKind
    const c = counts.get(kind) ?? { kind, taken: 0, dismissed: 0, ignored: 0 }
    c[r.outcome] += r.n
    counts.set(kind, c)
  }
  return counts
}

/** Most shown first, then by kind. */
export const byShown = <T extends { kind: string; shown: number }>(a: T, b: T): number => b.shown - a.shown || (a.kind < b.kind ? -1 : 1)
