import type { KpiReport } from '../../../shared/kpi'
import type { Db } from '../db/open-db'
import { byShown, countOutcomes } from '../suggest/outcome-counts'

/**
 * What became of the sidebar's suggestions decided in [from, to): taken (clicked, or typed within
 * a few lines), dismissed or ignored, per kind. Rooms the reader may not see count nowhere.
 */
export function suggestionUptake(db: Db, from: number, to: number, hidden: ReadonlySet<string>): KpiReport['suggestions'] {
  const byKind = [...countOutcomes(db, { from, to, hidden }).values()]
    .map((c) => {
      const shown = c.taken + c.dismissed + c.ignored
      return { ...c, shown, takenShare: share(c.taken, shown) }
    })
    .sort(byShown)
  const shown = byKind.reduce((n, u) => n + u.shown, 0)
  const taken = byKind.reduce((n, u) => n + u.taken, 0)
  return { shown, taken, takenShare: share(taken, shown), byKind }
}

const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole)
