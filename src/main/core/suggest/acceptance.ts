import type { Db } from '../db/open-db'

export interface AcceptanceRow {
  command: string
  runs: number
  fromSuggestion: number
}

export interface AcceptanceReport {
  total: { runs: number; fromSuggestion: number }
  byCommand: AcceptanceRow[]
  byWeek: { week: string; runs: number; fromSuggestion: number }[]
}

/**
 * How often analysts take a suggestion: every command start records whether its line came from
 * the sidebar (suggestionRank), so acceptance is read straight from the log, per command and week.
 */
export function suggestionAcceptance(db: Db): AcceptanceReport {
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
    byCommand: [...byCommand.values()].sort((a, b) => b.runs - a.runs),
    byWeek: [...byWeek.values()].sort((a, b) => a.week.localeCompare(b.week))
  }
}
