import { SUGGESTION_KINDS, type SuggestionKind } from '../../../shared/domain'
import type { KpiReport } from '../../../shared/kpi'
import type { Db } from '../db/open-db'

type Uptake = KpiReport['suggestions']['byKind'][number]

/**
 * What became of the sidebar's suggestions decided in [from, to): taken (clicked, or typed within
 * a few lines), dismissed or ignored, per kind. Rooms the reader may not see count nowhere.
 */
export function suggestionUptake(db: Db, from: number, to: number, hidden: ReadonlySet<string>): KpiReport['suggestions'] {
  const rows = db
    .prepare(
      `SELECT incident_id AS incidentId, json_extract(payload, '$.kind') AS kind, json_extract(payload, '$.outcome') AS outcome, count(*) AS n
       FROM events WHERE type = 'suggestion.outcome' AND recorded_at >= ? AND recorded_at < ?
       GROUP BY incident_id, kind, outcome`
    )
    .all(from, to) as { incidentId: string | null; kind: string; outcome: string; n: number }[]
  const byKind = new Map<SuggestionKind, Uptake>()
  for (const r of rows) {
    if (r.incidentId && hidden.has(r.incidentId)) continue
    if (!(SUGGESTION_KINDS as readonly string[]).includes(r.kind)) continue
    if (r.outcome !== 'taken' && r.outcome !== 'dismissed' && r.outcome !== 'ignored') continue
    const kind = r.kind as SuggestionKind
    const u = byKind.get(kind) ?? { kind, shown: 0, taken: 0, dismissed: 0, ignored: 0, takenShare: null }
    u[r.outcome] += r.n
    u.shown += r.n
    byKind.set(kind, u)
  }
  const list = [...byKind.values()].sort((a, b) => b.shown - a.shown || (a.kind < b.kind ? -1 : 1))
  for (const u of list) u.takenShare = share(u.taken, u.shown)
  const shown = list.reduce((n, u) => n + u.shown, 0)
  const taken = list.reduce((n, u) => n + u.taken, 0)
  return { shown, taken, takenShare: share(taken, shown), byKind: list }
}

const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole)
