import type { Db } from '../db/open-db'
import { stmt } from '../db/statements'

/**
 * Two small companions of search_docs (migration 8), kept by the indexer:
 * - search_lines: each line's incident, kind and time without its text, so the filters of a search
 *   are checked on narrow rows (many to a page) while FTS5 walks its matches, and the text is read
 *   only for the lines that pass;
 * - search_time_spans: the earliest and latest line time in each block of 4,096 rowids, so a date
 *   filter becomes the rowid range of the blocks that overlap it, which FTS5 seeks to instead of
 *   walking every newer match first. Spans only widen (a deleted line leaves its block's span as
 *   it was), so the range always holds every line in the dates.
 */
const SHIFT = 12
const BLOCK = 2 ** SHIFT

export function noteLine(db: Db, rowid: number, incidentId: string, kind: string, at: number): void {
  stmt(db, 'INSERT INTO search_lines (rowid, incident_id, kind, at) VALUES (?, ?, ?, ?)').run(rowid, incidentId, kind, at)
  stmt(
    db,
    `INSERT INTO search_time_spans (block, min_at, max_at) VALUES (?, ?, ?)
     ON CONFLICT(block) DO UPDATE SET min_at = min(min_at, excluded.min_at), max_at = max(max_at, excluded.max_at)`
  ).run(Math.floor(rowid / BLOCK), at, at)
}

/** noteLine for every row of `lines`, a SELECT of (line, incident_id, kind, at), in two statements. */
export function noteLines(db: Db, lines: string, params: Record<string, unknown>): void {
  stmt(db, `INSERT INTO search_lines (rowid, incident_id, kind, at) SELECT line, incident_id, kind, at FROM (${lines})`).run(params)
  stmt(
    db,
    `INSERT INTO search_time_spans (block, min_at, max_at) SELECT line >> ${SHIFT}, min(at), max(at) FROM (${lines}) WHERE true GROUP BY 1
     ON CONFLICT(block) DO UPDATE SET min_at = min(min_at, excluded.min_at), max_at = max(max_at, excluded.max_at)`
  ).run(params)
}

export function forgetLine(db: Db, rowid: number): void {
  stmt(db, 'DELETE FROM search_lines WHERE rowid = ?').run(rowid)
}

/** Rebuilds both from search_docs (as migration 8 does), for lines written straight to search_docs. */
export function fillSearchLines(db: Db): void {
  db.exec(`DELETE FROM search_lines; DELETE FROM search_time_spans;
    INSERT INTO search_lines (rowid, incident_id, kind, at) SELECT rowid, incident_id, kind, at FROM search_docs;
    INSERT INTO search_time_spans (block, min_at, max_at) SELECT rowid >> ${SHIFT}, min(at), max(at) FROM search_docs GROUP BY rowid >> ${SHIFT}`)
}

export interface RowidRange {
  lo: number
  hi: number
}

/** The rowids that can hold lines in [from, to): undefined without dates, null when no line can. */
export function rowidRange(db: Db, from: number | undefined, to: number | undefined): RowidRange | null | undefined {
  if (from === undefined && to === undefined) return undefined
  const r = stmt(db, 'SELECT min(block) AS lo, max(block) AS hi FROM search_time_spans WHERE max_at >= ? AND min_at < ?').get(
    from ?? Number.MIN_SAFE_INTEGER,
    to ?? Number.MAX_SAFE_INTEGER
  ) as { lo: number | null; hi: number | null }
  if (r.lo === null || r.hi === null) return null
  return { lo: r.lo * BLOCK, hi: (r.hi + 1) * BLOCK - 1 }
}
