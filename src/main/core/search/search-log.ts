import type { SearchFilters, SearchHit, SearchResult } from '../../../shared/domain'
import type { Db } from '../db/open-db'
import { explainFtsError, QuerySyntaxError, toFtsExpression, toPlainWords, withGuards } from './fts-query'
import { indexSearchPending } from './search-index'
import { bm25Scorer, phrasesOf } from './bm25'
import { highlightTerms, makeSnippet } from './snippet'
import { rowidRange } from './search-lines'
import { stmt } from '../db/statements'

/** Highlight markers in snippets: control characters that never occur in typed text. */
export const MARK_START = '\u0002'
export const MARK_END = '\u0003'

/** Incidents the searcher may not see (restricted to other groups): left out in SQL, before the limit. */
type Filters = SearchFilters & { hidden?: ReadonlySet<string> }

/** The filters on the incident a line belongs to. */
function incidentWhere(f: Filters, params: Record<string, unknown>): string[] {
  const where: string[] = []
  if (f.hidden?.size) {
    params.hidden = JSON.stringify([...f.hidden])
    where.push('i.id NOT IN (SELECT value FROM json_each(@hidden))')
  }
  if (f.scope === 'live') where.push(`i.status != 'closed'`)
  if (f.scope === 'archived') where.push(`i.status = 'closed'`)
  if (f.priorities?.length) where.push(`i.priority IN (${f.priorities.map((p, n) => ((params[`p${n}`] = p), `@p${n}`)).join(', ')})`)
  if (f.sources?.length) where.push(`i.source IN (${f.sources.map((s, n) => ((params[`s${n}`] = s), `@s${n}`)).join(', ')})`)
  if (f.leader) {
    params.leader = f.leader
    where.push('i.leader = @leader COLLATE NOCASE')
  }
  if (f.incidentId) {
    params.incident = f.incidentId
    where.push('i.id = @incident')
  }
  return where
}

/** The filters on the line itself: its kind and its time. */
function lineWhere(f: Filters, params: Record<string, unknown>, line = 'd'): string[] {
  const where: string[] = []
  if (f.kinds?.length) where.push(`${line}.kind IN (${f.kinds.map((k, n) => ((params[`k${n}`] = k), `@k${n}`)).join(', ')})`)
  if (f.from !== undefined) {
    params.from = f.from
    where.push(`${line}.at >= @from`)
  }
  if (f.to !== undefined) {
    params.to = f.to
    where.push(`${line}.at < @to`)
  }
  return where
}

function filterSql(f: Filters, params: Record<string, unknown>, onLines = true): string {
  const where = [...incidentWhere(f, params), ...(onLines ? lineWhere(f, params) : [])]
  return where.length ? `AND ${where.join(' AND ')}` : ''
}

/**
 * bm25 ranks, at most, this many of the newest matching lines (a common word matches 100k of 1M).
 * Past that many matches, a line older than the newest 1,000 that pass the filters is not ranked:
 * it can only be found by a narrower query (more words, a phrase, a filter or a date range).
 */
export const RANKED_CANDIDATES = 1000

type Candidate = [rowid: number, at: number, body: string, messageId: string, incidentId: string, kind: string]

/**
 * The newest matching lines that pass the filters are ranked by bm25 and the best shown, with
 * snippets made only for those. Bounding the candidates keeps a common word as fast as a rare one.
 * The incident filters are one set of incident ids, built once, that each visited line (a narrow
 * row of search_lines) is looked up in; the text is read only for lines that pass, the incidents
 * only for the lines shown. A date range is also a rowid range, which FTS5 seeks to.
 */
function runMatch(db: Db, match: string, filters: Filters, limit: number, candidates: number): SearchHit[] {
  const span = rowidRange(db, filters.from, filters.to)
  if (span === null) return []
  const params: Record<string, unknown> = { match: withGuards(match), cap: candidates }
  const where = lineWhere(filters, params, 'l')
  const incident = incidentWhere(filters, params)
  // The unary + keeps the planner from driving the search from an incident's lines.
  if (incident.length) where.push(`+l.incident_id IN (SELECT i.id FROM incidents i WHERE ${incident.join(' AND ')})`)
  if (span) {
    Object.assign(params, span)
    where.push('search_fts.rowid >= @lo AND search_fts.rowid <= @hi')
  }
  // CROSS JOIN keeps this order: the filters on the narrow line, then the text of those that pass.
  const rows = db
    .prepare(
      `SELECT l.rowid, l.at, d.body, d.message_id, l.incident_id, l.kind
       FROM search_fts CROSS JOIN search_lines l ON l.rowid = search_fts.rowid CROSS JOIN search_docs d ON d.rowid = l.rowid
       WHERE search_fts MATCH @match ${where.map((w) => `AND ${w}`).join(' ')}
       ORDER BY search_fts.rowid DESC LIMIT @cap`
    )
    .raw()
    .all(params) as Candidate[]
  if (rows.length === 0) return []
  const score = bm25Scorer(db, phrasesOf(match))
  const ranked = rows.map((r) => ({ r, rank: score(r[2]) })).sort((a, b) => a.rank - b.rank || b.r[1] - a.r[1])
  const terms = highlightTerms(match)
  const incidentOf = stmt(db, 'SELECT number, title, status FROM incidents WHERE id = ?')
  return ranked.slice(0, limit).map(({ r: [, at, body, messageId, incidentId, kind] }) => {
    const i = incidentOf.get(incidentId) as { number: string; title: string; status: string }
    return {
      incidentId,
      number: i.number,
      title: i.title,
      messageId,
      kind: kind as SearchHit['kind'],
      isArchived: i.status === 'closed',
      snippet: makeSnippet(body, terms, MARK_START, MARK_END),
      at
    }
  })
}

/** The extracted text of uploads (emails, logs, tickets): one hit per card. */
function evidenceMatch(db: Db, match: string, filters: Filters, limit: number): SearchHit[] {
  if (filters.kinds?.length && !filters.kinds.includes('evidence')) return []
  const params: Record<string, unknown> = { match, limit }
  const rows = db
    .prepare(
      `SELECT m.id AS message_id, m.incident_id, m.at, i.number, i.title, i.status,
              snippet(evidence_fts, 0, '${MARK_START}', '${MARK_END}', '…', 14) AS snippet
       FROM evidence_fts JOIN evidence e ON e.rowid = evidence_fts.rowid JOIN messages m ON m.id = e.message_id
       JOIN incidents i ON i.id = m.incident_id
       WHERE evidence_fts MATCH @match AND m.deleted = 0 ${filterSql({ ...filters, kinds: undefined }, params, false)}
       ORDER BY bm25(evidence_fts) LIMIT @limit`
    )
    .all(params) as Record<string, unknown>[]
  return rows.map((r) => ({
    incidentId: String(r.incident_id),
    number: String(r.number),
    title: String(r.title),
    messageId: String(r.message_id),
    kind: 'evidence' as const,
    isArchived: r.status === 'closed',
    snippet: String(r.snippet),
    at: Number(r.at)
  }))
}

function matchAll(db: Db, match: string, filters: Filters, limit: number, candidates: number): SearchHit[] {
  const seen = new Set<string>()
  const out: SearchHit[] = []
  for (const h of [...runMatch(db, match, filters, limit, candidates), ...evidenceMatch(db, match, filters, limit)]) {
    if (h.messageId && seen.has(h.messageId)) continue
    if (h.messageId) seen.add(h.messageId)
    out.push(h)
  }
  return out
}

function titleHits(db: Db, query: string, filters: Filters, limit: number): SearchHit[] {
  if (filters.kinds?.length) return []
  const like = `%${query.replace(/[%_\\]/g, (c) => `\\${c}`)}%`
  const params: Record<string, unknown> = { like, limit }
  const rows = db
    .prepare(
      `SELECT i.id, i.number, i.title, i.updated_at, i.status FROM incidents i
       WHERE (i.title LIKE @like ESCAPE '\\' OR i.number LIKE @like ESCAPE '\\') ${filterSql(filters, params, false)}
       ORDER BY i.updated_at DESC LIMIT @limit`
    )
    .all(params) as Record<string, unknown>[]
  return rows.map((r) => ({ incidentId: String(r.id), number: String(r.number), title: String(r.title), snippet: String(r.title), isArchived: r.status === 'closed', at: Number(r.updated_at) }))
}

/**
 * One search over every line of every incident, live and archived, ranked by bm25. A query FTS5
 * cannot read is answered in words and still runs, as plain words; it never throws to the user.
 */
export function searchLog(
  db: Db,
  query: string,
  limit: number,
  searchFilters: SearchFilters = {},
  hidden: ReadonlySet<string> = new Set(),
  candidates: number = RANKED_CANDIDATES
): SearchResult {
  indexSearchPending(db)
  const filters: Filters = { ...searchFilters, hidden }
  let notice: string | undefined
  let hits: SearchHit[]
  try {
    const expression = toFtsExpression(query)
    hits = expression ? matchAll(db, expression, filters, limit, candidates) : []
  } catch (err) {
    const why = err instanceof QuerySyntaxError ? err.message : explainFtsError(err instanceof Error ? err.message : String(err), query)
    const plain = toPlainWords(query)
    notice = `Searched for the words instead: ${why}.`
    hits = plain ? matchAll(db, plain, filters, limit, candidates) : []
  }
  const titles = titleHits(db, query.replace(/["()*]/g, '').trim(), filters, limit)
  return { hits: [...titles, ...hits].slice(0, limit), ...(notice ? { notice } : {}) }
}
