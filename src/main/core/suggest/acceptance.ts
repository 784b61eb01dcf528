import type { SuggestionKind, SuggestionStats } from '../../../shared/domain'
import type { Db } from '../db/open-db'
import { byShown, countOutcomes } from './outcome-counts'

export interface AcceptanceRow {
  command: string
  runs: number
  fromSuggestion: number
}

export type AcceptanceReport = SuggestionStats

/**
 * How often analysts take a suggestion: every command start records whether its line came from
 * the sidebar (suggestionRank), so acceptance is read straight from the log, per command and week.
 */
export function suggestionAcceptance(db: Db, pending: ReadonlyMap<SuggestionKind, number> = new Map(), hidden: ReadonlySet<string> = new Set()): AcceptanceReport {
  const rows = db
    .prepare(
      `SELECT json_extract(payload, '$.command') AS command,
              count(*) AS runs,
              sum(json_extract(payload, '$.suggestionRank') IS NOT NULL) AS taken,
              strftime('%Y-W%W', recorded_at / 1000, 'unixepoch') AS week
       FROM events WHERE type = 'command.started' GROUP BY command, week`
    )
    .all() as { command: string; runs: number; taken: number; week: string }[]
  const byCommand = new Map<string, AcceptanceRow>()
  const byWeek = new Map<string, { week: string; runs: number; fromSuggestion: number }>()
  const total = { runs: 0, fromSuggestion: 0 }
  for (const r of rows) {
    const c = byCommand.get(r.command) ?? { command: r.command, runs: 0, fromSuggestion: 0 }
    c.runs += r.runs
    c.fromSuggestion += r.taken
    byCommand.set(r.command, c)
    const w = byWeek.get(r.week) ?? { week: r.week, runs: 0, fromSuggestion: 0 }
    w.runs += r.runs
    w.fromSuggestion += r.taken
    byWeek.set(r.week, w)
    total.runs += r.runs
    total.fromSuggestion += r.taken
  }
  return {
    total,
    byKind: outcomesByKind(db, pending, hidden),
    byCommand: [...byCommand.values()].sort((a, b) => b.runs - a.runs),
    byWeek: [...byWeek.values()].sort((a, b) => a.week.localeCompare(b.week))
  }
}

/** Suggestions shown per kind and what became of them (suggestion.outcome events, plus those pending). */
function outcomesByKind(db: Db, pending: ReadonlyMap<SuggestionKind, number>, hidden: ReadonlySet<string>): SuggestionStats['byKind'] {
  const counts = countOutcomes(db, { hidden })
  const kinds = new Set<SuggestionKind>([...counts.keys(), ...pending.keys()])
  return [...kinds]
    .map((kind) => {
      const c = counts.get(kind) ?? { kind, taken: 0, dismissed: 0, ignored: 0 }
      const waiting = pending.get(kind) ?? 0
      return { ...c, pending: waiting, shown: c.taken + c.dismissed + c.ignored + waiting }
    })
    .sort(byShown)
}
