import type { Db } from '../db/open-db'
import { stmt } from '../db/statements'

/** The messages table, read; the timeline's own queries live with its projection (projections/views.ts). */
export { getMessage, getMessageByRun, getTimeline } from '../projections/views'

export function incidentOfMessage(db: Db, messageId: string): string | undefined {
  return (stmt(db, 'SELECT incident_id AS id FROM messages WHERE id = ?').get(messageId) as { id: string } | undefined)?.id
}

/** The newest lines people wrote in an incident (no system lines, none deleted), newest first. */
export function recentLines(db: Db, incidentId: string, limit = 200): string[] {
  return (stmt(db, `SELECT text FROM messages WHERE incident_id = ? AND kind != 'system' AND deleted = 0 ORDER BY seq DESC LIMIT ?`).all(incidentId, limit) as { text: string }[]).map((r) => r.text)
}

export function chatLineCount(db: Db, incidentId: string): number {
  return (stmt(db, `SELECT count(*) AS n FROM messages WHERE incident_id = ? AND kind = 'chat' AND deleted = 0`).get(incidentId) as { n: number }).n
}
