import { SUGGESTION_KINDS, type SuggestionKind, type SuggestionStats } from '../../../shared/domain'
import type { Db } from '../db/open-db'

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
export function suggestionAcceptance(db: Db, pending: ReadonlyMap<SuggestionKind, number> = new Map()): AcceptanceReport {
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
    byKind: outcomesByKind(db, pending),
    byCommand: [...byCommand.values()].sort((a, b) => b.runs - a.runs),
    byWeek: [...byWeek.values()].sort((a, b) => a.week.localeCompare(b.week))
  }
}

/** Suggestions shown per kind and what became of them (suggestion.outcome events, plus those pending). */
function outcomesByKind(db: Db, pending: ReadonlyMap<SuggestionKind, number>): SuggestionStats['byKind'] {
  const rows = db
    .prepare(
      `SELECT json_extract(payload, '$.kind') AS kind, json_extract(payload, '$.outcome') AS outcome, count(*) AS n
       FROM events WHERE type = 'suggestion.outcome' GROUP BY kind, outcome`
    )
    .all() as { kind: string; outcome: string; n: number }[]
  const out = new Map<SuggestionKind, SuggestionStats['byKind'][number]>()
  const row = (kind: SuggestionKind): SuggestionStats['byKind'][number] => {
    let r = out.get(kind)
    if (!r) out.set(kind, (r = { kind, shown: 0, taken: 0, dismissed: 0, ignored: 0, pending: 0 }))
    return r
  }
  for (const r of rows) {
    if (!(SUGGESTION_KINDS as readonly string[]).includes(r.kind)) continue
    const k = row(r.kind as SuggestionKind)
    if (r.outcome === 'taken' || r.outcome === 'dismissed' || r.outcome === 'ignored') k[r.outcome] += r.n
  }
  for (const [kind, n] of pending) row(kind).pending += n
  for (const r of out.values()) r.shown = r.taken + r.dismissed + r.ignored + r.pending
  return [...out.values()].sort((a, b) => b.shown - a.shown || (a.kind < b.kind ? -1 : 1))
}
