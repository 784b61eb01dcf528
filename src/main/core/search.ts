import type { SearchHit } from '../../shared/domain'
import type { Db } from './db/open-db'
import { indexPending } from './fts-index'

/** Full-text search over every room's lines, the text of its evidence, and incident titles, newest first. */
export function searchLog(db: Db, query: string, limit: number): SearchHit[] {
  const match = toFtsQuery(query)
  if (!match) return []
  indexPending(db)
  const lines = db
    .prepare(
      `SELECT m.id AS message_id, m.incident_id, m.at, i.number, i.title,
              snippet(messages_fts, 0, '[', ']', '…', 12) AS snippet
       FROM messages_fts JOIN messages m ON m.rowid = messages_fts.rowid JOIN incidents i ON i.id = m.incident_id
       WHERE messages_fts MATCH ? AND m.deleted = 0 ORDER BY m.at DESC LIMIT ?`
    )
    .all(match, limit) as Record<string, unknown>[]
  const files = db
    .prepare(
      `SELECT m.id AS message_id, m.incident_id, m.at, i.number, i.title,
              snippet(evidence_fts, 0, '[', ']', '…', 12) AS snippet
       FROM evidence_fts JOIN evidence e ON e.rowid = evidence_fts.rowid JOIN messages m ON m.id = e.message_id
       JOIN incidents i ON i.id = m.incident_id
       WHERE evidence_fts MATCH ? AND m.deleted = 0 ORDER BY m.at DESC LIMIT ?`
    )
    .all(match, limit) as Record<string, unknown>[]
  const like = `%${query.replace(/[%_]/g, (c) => `\\${c}`)}%`
  const titles = db
    .prepare(`SELECT id, number, title, updated_at FROM incidents WHERE title LIKE ? ESCAPE '\\' OR number LIKE ? ESCAPE '\\' ORDER BY updated_at DESC LIMIT ?`)
    .all(like, like, limit) as Record<string, unknown>[]
  const hits: SearchHit[] = titles.map((r) => ({
    incidentId: String(r.id),
    number: String(r.number),
    title: String(r.title),
    snippet: String(r.title),
    at: Number(r.updated_at)
  }))
  const seen = new Set<string>()
  for (const r of [...lines, ...files]) {
    // A card's line and its extracted text can both match: one hit per message.
    if (seen.has(String(r.message_id))) continue
    seen.add(String(r.message_id))
    hits.push({
      incidentId: String(r.incident_id),
      number: String(r.number),
      title: String(r.title),
      messageId: String(r.message_id),
      snippet: String(r.snippet),
      at: Number(r.at)
    })
  }
  return hits.slice(0, limit)
}

/** Every word becomes a quoted prefix term, so analyst input never breaks FTS5 syntax. */
export function toFtsQuery(query: string): string {
  return query
    .split(/\s+/)
    .map((w) => w.replace(/"/g, ''))
    .filter((w) => w.length > 0)
    .map((w) => `"${w}"*`)
    .join(' ')
}
