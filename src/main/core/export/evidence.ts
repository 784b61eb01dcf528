import type { Db } from '../db/open-db'
import type { EventLog } from '../log/event-log'
import { verifyLog } from '../log/verify'
import { getTimeline } from '../chat/message-repo'
import { findIncident } from '../incidents/incident-repo'
import { VirgilError } from '../../../shared/errors'
import { incidentBlobs, incidentEvidence } from '../evidence/blob-api'

/**
 * An audit bundle for one incident: the incident, its timeline, its files with their hashes, every
 * event with its chain hash, and the result of verifying the chain at export time.
 */
export function exportEvidence(db: Db, log: EventLog, key: Buffer, incidentId: string, exportedBy: string): { fileName: string; json: string; chainOk: boolean } {
  const incident = findIncident(db, incidentId)
  if (!incident) throw new VirgilError('NOT_FOUND', 'No such incident to export.')
  const report = verifyLog(db, key, incident.id)
  const timeline = getTimeline(db, incident.id, undefined, 1_000_000).items
  const bundle = {
    format: 'virgil-evidence/1',
    ...(incident.restrictedGroups ? { classification: `RESTRICTED to ${incident.restrictedGroups.join(', ')}` } : {}),
    exportedAt: new Date().toISOString(),
    exportedBy,
    incident,
    chain: { ok: report.problems.length === 0, events: report.events, problems: report.problems, algorithm: 'HMAC-SHA256(prev_hash || canonical(event)) per incident and origin' },
    evidence: timeline.filter((m) => m.mark === 'evidence'),
    notes: timeline.filter((m) => m.mark === 'note'),
    // Uploads with who added them, their type (from content) and hashes; every stored blob once.
    files: incidentEvidence(db, incident.id).map((f) => ({
      name: f.name,
      kind: f.kind,
      type: f.type,
      size: f.size,
      hashes: f.hashes,
      addedBy: f.addedBy.name,
      at: new Date(f.at).toISOString(),
      warnings: f.warnings,
      ...(f.email ? { email: { subject: f.email.subject, from: f.email.from, auth: f.email.auth, attachments: f.email.attachments } } : {})
    })),
    blobs: incidentBlobs(db, incident.id),
    timeline,
    events: log.eventsFor(incident.id)
  }
  return { fileName: `${incident.number}${incident.restrictedGroups ? '-RESTRICTED' : ''}-evidence.json`, json: JSON.stringify(bundle, null, 2), chainOk: bundle.chain.ok }
}
