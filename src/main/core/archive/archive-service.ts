import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Incident, Message, Verification } from '../../../shared/domain'
import { VirgilError } from '../../../shared/errors'
import type { Actor } from '../commands/types'
import type { Db } from '../db/open-db'
import type { IncidentService } from '../incidents/incident-service'
import type { EventLog } from '../log/event-log'
import { verifyLog } from '../log/verify'
import { getTimeline } from '../projections/views'
import { compareWithCheckpoint } from './checkpoint'
import type { CheckpointService } from './checkpoint-service'
import { ARCHIVE_EXTENSION, writePortableArchive, type ArchivedBlob } from './portable-archive'
import { readPortableArchive } from './portable-archive'
import { verifyArchive } from './verify-archive'

export interface ArchiveServiceDeps {
  db: Db
  log: EventLog
  incidents: IncidentService
  checkpoints: CheckpointService
  chainKey: Buffer
  dataDir: string
  /** Files attached to an incident, with their bytes, for the portable archive. */
  blobsOf?: (incidentId: string) => ArchivedBlob[]
  nativeBinding?: string
}

/** Closing archives an incident; this reopens it, stamps it, and packs it for an auditor. */
export class ArchiveService {
  constructor(private readonly d: ArchiveServiceDeps) {}

  async reopen(id: string, reason: string, actor: Actor): Promise<Incident> {
    const incident = this.d.incidents.require(id)
    if (incident.status !== 'closed') throw new VirgilError('CONFLICT', `${incident.number} is not archived: it is ${incident.status}.`)
    this.d.log.appendOne({
      type: 'incident.updated',
      incidentId: incident.id,
      actor,
      payload: { changes: { status: 'investigating' }, before: { status: 'closed' }, reason, at: Date.now() }
    })
    return this.d.incidents.require(incident.id)
  }

  /** The stamp for a room: its links and hashes, and the last checkpoint sealed outside the database. */
  verify(id: string): Verification {
    const incident = this.d.incidents.require(id)
    const report = verifyLog(this.d.db, this.d.chainKey, incident.id)
    const problems = report.problems.map((p) => `event #${p.seq}: ${p.reason}`)
    const checkpoint = this.d.checkpoints.latest()
    if (checkpoint) {
      const mine = { ...checkpoint, chains: checkpoint.chains.filter((c) => c.incidentId === incident.id) }
      for (const p of compareWithCheckpoint(this.d.log.eventsFor(incident.id), mine)) problems.push(`the incident ${p.reason}`)
    }
    const sealed = checkpoint ? { sealedAt: checkpoint.at, fingerprint: this.d.checkpoints.signer.fingerprint } : {}
    const first = problems[0]
    if (first) return { ok: false, events: report.events, headline: `Does not verify: ${first}`, problems, ...sealed }
    const stamp = checkpoint ? `; last sealed ${new Date(checkpoint.at).toISOString().replace('T', ' ').slice(0, 16)} UTC by key ${this.d.checkpoints.signer.fingerprint}` : '; not sealed by a checkpoint yet'
    return { ok: true, events: report.events, headline: `Verified: ${report.events} events, chain intact${stamp}`, problems, ...sealed }
  }

  /** The room's turning points for the review sidebar: status and priority changes, commands, tickets, pages, marks. */
  async timeline(id: string): Promise<Message[]> {
    const incident = this.d.incidents.require(id)
    const items: Message[] = []
    let before: number | undefined
    for (;;) {
      const page = getTimeline(this.d.db, incident.id, before, 2000)
      items.unshift(...page.items.filter((m) => m.kind !== 'chat' || m.mark))
      if (!page.hasMore || page.items.length === 0) break
      before = page.items[0]?.seq
    }
    return items
  }

  /** Packs the incident as one `.virgil` file sealed by this workstation's key. */
  async exportPortable(id: string, actor: Actor): Promise<{ fileName: string; base64: string; events: number; verification: Verification }> {
    const incident = this.d.incidents.require(id)
    const checkpoint = this.d.checkpoints.sealIncident(incident.id)
    const dir = join(this.d.dataDir, 'exports')
    mkdirSync(dir, { recursive: true })
    const restricted = incident.restrictedGroups ? `RESTRICTED to ${incident.restrictedGroups.join(', ')}` : undefined
    const fileName = `${incident.number}${restricted ? '-RESTRICTED' : ''}-${new Date().toISOString().slice(0, 10)}${ARCHIVE_EXTENSION}`
    const path = join(dir, fileName)
    const native = this.d.nativeBinding ? { nativeBinding: this.d.nativeBinding } : {}
    const { events } = writePortableArchive(
      this.d.db,
      incident.id,
      checkpoint,
      { incident_id: incident.id, number: incident.number, title: incident.title, exported_at: new Date().toISOString(), exported_by: actor.name, origin: this.d.log.origin, ...(restricted ? { classification: restricted } : {}) },
      this.d.blobsOf?.(incident.id) ?? [],
      path,
      native
    )
    const verification = verifyArchive(readPortableArchive(path, native))
    return { fileName, base64: readFileSync(path).toString('base64'), events, verification }
  }
}
