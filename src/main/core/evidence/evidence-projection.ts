import type { EvidenceView } from '../../../shared/evidence'
import type { Db } from '../db/open-db'
import { stmt } from '../db/statements'
import type { LogEvent } from '../log/event'
import type { EventPayload } from '../log/events'

export type StoredCard = Omit<EvidenceView, 'addedBy' | 'at'>

/** What intake writes: the whole card, what the file says (for search) and every blob it brought. */
export interface EvidenceAddedPayload extends EventPayload<'evidence.added'> {
  at: number
  card: StoredCard
  /** What the file says, for the search index (capped at intake). */
  text: string
  /** The upload and every blob it brought (an email's attachments). */
  blobs: { sha256: string; md5: string; sha1: string; size: number; mime: string; name: string }[]
}

/** A card as the event catalogue reads it back (older or remote cards may carry less). */
type LoggedCard = EventPayload<'evidence.added'>['card']

/** The room line of a card: searchable, and what Slack and exports show in one line. */
export function cardLine(card: LoggedCard): string {
  const subject = card.email?.subject ? `: ${card.email.subject}` : ''
  const ticket = card.ticket ? `: ticket ${card.ticket.number}` : ''
  return `added ${card.name} (${card.type.label}, ${card.size.toLocaleString('en')} bytes, sha256 ${card.hashes.sha256})${subject}${ticket}`
}

/** Writes the evidence tables for one `evidence.added` event, after its room line exists. */
export function projectEvidence(db: Db, e: Omit<LogEvent, 'payload'> & { payload: EventPayload<'evidence.added'> }, at: number): void {
  const p = e.payload
  if (!e.incidentId) return
  const info = stmt(
    db,
    `INSERT OR IGNORE INTO evidence (id, incident_id, message_id, sha256, name, size, mime, kind, card, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  ).run(p.card.evidenceId, e.incidentId, e.id, p.card.hashes.sha256, p.card.name, p.card.size, p.card.type.mime, p.card.kind, JSON.stringify(p.card), at)
  if (info.changes === 0) return
  stmt(db, 'INSERT INTO evidence_fts (rowid, text) VALUES (?, ?)').run(Number(info.lastInsertRowid), p.text ?? '')
  const blob = stmt(db, 'INSERT OR IGNORE INTO evidence_blobs (incident_id, sha256, md5, sha1, size, mime, name, evidence_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
  for (const b of p.blobs ?? []) blob.run(e.incidentId, b.sha256, b.md5, b.sha1, b.size, b.mime, b.name, p.card.evidenceId)
}
