import type { BlobRef, EvidenceView, Hashes } from '../../../shared/evidence'
import type { Db } from '../db/open-db'
import { toMessage } from '../projections/views'

/**
 * The small blob API exporters use (the evidence bundle, the lead's portable archive): which blobs
 * an incident holds, with their hashes, and (through BlobStore.open) a stream of each one's bytes.
 */
export function incidentBlobs(db: Db, incidentId: string): BlobRef[] {
  const rows = db
    .prepare(`SELECT sha256, md5, sha1, size, mime, group_concat(name, char(10)) AS names FROM evidence_blobs WHERE incident_id = ? GROUP BY sha256 ORDER BY min(rowid)`)
    .all(incidentId) as (Hashes & { size: number; mime: string; names: string })[]
  return rows.map((r) => ({ sha256: r.sha256, md5: r.md5, sha1: r.sha1, size: r.size, mime: r.mime, names: [...new Set(r.names.split('\n'))] }))
}

/** Every evidence card of an incident, oldest first, as the room shows it. */
export function incidentEvidence(db: Db, incidentId: string): EvidenceView[] {
  const rows = db
    .prepare(`SELECT m.*, ev.card AS ev_card FROM evidence ev JOIN messages m ON m.id = ev.message_id WHERE ev.incident_id = ? ORDER BY m.seq`)
    .all(incidentId) as Record<string, unknown>[]
  return rows.flatMap((r) => toMessage(r).evidence ?? [])
}

/** The indicators found in an incident's uploads, newest first, one per line: for pre-filled suggestions. */
export function evidenceIndicatorText(db: Db, incidentId: string): string {
  const rows = db.prepare(`SELECT card FROM evidence WHERE incident_id = ? ORDER BY at DESC LIMIT 50`).all(incidentId) as { card: string }[]
  return rows
    .flatMap((r) => {
      const card = JSON.parse(r.card) as Pick<EvidenceView, 'iocs' | 'hashes' | 'email'>
      return [...(card.email?.urls ?? []), ...card.iocs.map((i) => i.value), card.hashes.sha256]
    })
    .join('\n')
}
