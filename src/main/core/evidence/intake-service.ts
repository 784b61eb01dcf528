import { readFile } from 'node:fs/promises'
import { ulid } from 'ulid'
import type { Message } from '../../../shared/domain'
import { DEFAULT_UPLOAD_LIMIT_BYTES, UPLOAD_CHUNK_BYTES, type BlobRef, type EvidenceKind, type Hashes, type TicketSummary } from '../../../shared/evidence'
import { VirgilError } from '../../../shared/errors'
import type { Actor } from '../commands/types'
import type { Db } from '../db/open-db'
import type { IncidentService } from '../incidents/incident-service'
import type { EventLog } from '../log/event-log'
import { getMessage } from '../chat/message-repo'
import { analyse, type Analysis } from './analyse'
import { incidentBlobs } from './blob-api'
import { BlobStore } from './blob-store'
import type { EvidenceAddedPayload, StoredCard } from './evidence-projection'
import { safeFileName } from './safe-name'
import { UploadRefused, UploadSessions } from './upload-sessions'
import { createLogger } from '../logger'

const logger = createLogger('intake')

export interface IntakeOptions {
  dataDir: string
  limitBytes?: number
}

interface Source {
  incidentId: string
  name: string
  hashes: Hashes
  size: number
  kind?: EvidenceKind
  ticket?: TicketSummary
}

/**
 * Evidence into the room: chunked uploads, pasted notes and imported tickets become content-addressed
 * blobs, analysed as data (never executed), recorded as one `evidence.added` event with their hashes.
 */
export class IntakeService {
  readonly store: BlobStore
  readonly limitBytes: number
  private readonly uploads: UploadSessions
  private remote: ((sha256: string) => Promise<boolean>) | undefined

  constructor(
    private readonly db: Db,
    private readonly log: EventLog,
    private readonly incidents: IncidentService,
    opts: IntakeOptions
  ) {
    this.store = new BlobStore(opts.dataDir)
    this.store.sweepTemp()
    this.limitBytes = opts.limitBytes ?? DEFAULT_UPLOAD_LIMIT_BYTES
    this.uploads = new UploadSessions(this.store, () => this.limitBytes)
  }

  async begin(input: { incidentId: string; name: string; size: number; asNote?: boolean }, actor: Actor): Promise<{ uploadId: string; chunkBytes: number; limitBytes: number }> {
    const incident = this.openIncident(input.incidentId)
    const session = await this.guard(this.uploads.begin(incident.id, input.name, input.size, input.asNote ?? false, actor), actor)
    return { uploadId: session.id, chunkBytes: UPLOAD_CHUNK_BYTES, limitBytes: this.limitBytes }
  }

  async chunk(input: { uploadId: string; index: number; data: string }, actor: Actor): Promise<{ received: number }> {
    return { received: await this.guard(this.uploads.chunk(input.uploadId, input.index, input.data, actor), actor) }
  }

  async finish(input: { uploadId: string }, actor: Actor): Promise<Message> {
    const session = await this.guard(this.uploads.finish(input.uploadId, actor), actor)
    const hashes = session.pending.hash.digest()
    this.store.commit(session.pending.path, hashes.sha256)
    return this.record({ incidentId: session.incidentId, name: session.name, hashes, size: session.declared, ...(session.asNote ? { kind: 'note' as const } : {}) }, actor)
  }

  async abort(input: { uploadId: string }, actor: Actor): Promise<{ aborted: true }> {
    await this.uploads.abort(input.uploadId, actor)
    return { aborted: true }
  }

  /** Bytes already in memory: an imported ticket, a pasted note. */
  async addBytes(incidentId: string, name: string, bytes: Uint8Array, actor: Actor, extra: { kind?: EvidenceKind; ticket?: TicketSummary } = {}): Promise<Message> {
    const incident = this.openIncident(incidentId)
    if (bytes.length === 0) throw this.refuse(incident.id, name, 'it is empty, so there is nothing to keep.', actor)
    if (bytes.length > this.limitBytes) throw this.refuse(incident.id, name, `it is larger than the ${this.limitBytes.toLocaleString('en')}-byte limit.`, actor)
    const { isNew: _isNew, ...hashes } = this.store.putBytes(bytes)
    return this.record({ incidentId: incident.id, name, hashes, size: bytes.length, ...extra }, actor)
  }

  /** Every blob of an incident (uploads and email attachments) with its hashes, for exporters. */
  listBlobs(incidentId: string): BlobRef[] {
    return incidentBlobs(this.db, incidentId)
  }

  /** A read stream of one stored blob. */
  open(sha256: string): ReturnType<BlobStore['open']> {
    return this.store.open(sha256)
  }

  /** Where a blob this workstation lacks can be fetched from (the team's object store). */
  setRemote(fetch: (sha256: string) => Promise<boolean>): void {
    this.remote = fetch
  }

  /** True once the blob's bytes are here: stored already, or fetched from the team on demand. */
  async ensureLocal(sha256: string): Promise<boolean> {
    if (this.store.has(sha256)) return true
    return (await this.remote?.(sha256)) === true && this.store.has(sha256)
  }

  /** The whole blob (uploads are capped at the upload limit), fetched from the team if needed; undefined when nowhere. */
  async readBlob(sha256: string): Promise<Uint8Array | undefined> {
    return (await this.ensureLocal(sha256)) ? this.readLocal(sha256) : undefined
  }

  /** The blob's bytes only when stored on this workstation. */
  async readLocal(sha256: string): Promise<Uint8Array | undefined> {
    return this.store.has(sha256) ? readFile(this.store.pathOf(sha256)) : undefined
  }

  async close(): Promise<void> {
    await this.uploads.close()
  }

  private async record(source: Source, actor: Actor): Promise<Message> {
    const path = this.store.pathOf(source.hashes.sha256)
    let analysis: Analysis & { name: string }
    try {
      analysis = await analyse(this.store, path, source.size, source.name, source.kind)
    } catch (err) {
      logger.error('analysis failed', { error: err })
      const reason = err instanceof Error ? err.message : String(err)
      analysis = { name: source.name.slice(0, 200), kind: source.kind ?? 'file', type: { mime: 'application/octet-stream', ext: 'bin', label: 'Binary data' }, warnings: [`Virgil could not look inside this file (${reason}). It is stored with its hashes.`], iocs: [], text: source.name, children: [] }
    }
    const earlier = this.db
      .prepare(`SELECT m.author, m.at FROM evidence e JOIN messages m ON m.id = e.message_id WHERE e.incident_id = ? AND e.sha256 = ? ORDER BY e.at LIMIT 1`)
      .get(source.incidentId, source.hashes.sha256) as { author: string; at: number } | undefined
    if (earlier) {
      const who = (JSON.parse(earlier.author) as { name: string }).name
      analysis.warnings.push(`The same file (same SHA-256) was already added by ${who} at ${new Date(earlier.at).toISOString().slice(11, 16)} UTC; it is stored once.`)
    }
    const card: StoredCard = {
      evidenceId: ulid(),
      kind: source.kind === 'ticket' ? 'ticket' : analysis.kind,
      name: analysis.name,
      size: source.size,
      type: analysis.type,
      hashes: source.hashes,
      iocs: analysis.iocs,
      warnings: analysis.warnings,
      ...(analysis.email ? { email: analysis.email } : {}),
      ...(analysis.archive ? { archive: analysis.archive } : {}),
      ...(analysis.preview !== undefined ? { preview: analysis.preview } : {}),
      ...(source.ticket ? { ticket: source.ticket } : {})
    }
    const payload: EvidenceAddedPayload = {
      at: Date.now(),
      card,
      text: analysis.text,
      blobs: [{ ...source.hashes, size: source.size, mime: analysis.type.mime, name: analysis.name }, ...analysis.children]
    }
    const event = this.log.appendOne({ type: 'evidence.added', incidentId: source.incidentId, actor, payload: { ...payload } })
    return getMessage(this.db, event.id) as Message
  }

  private openIncident(incidentId: string): ReturnType<IncidentService['require']> {
    const incident = this.incidents.require(incidentId)
    if (incident.status === 'closed') throw new VirgilError('CONFLICT', `${incident.number} is closed: its record is kept as it was. Reopen it to add evidence.`)
    return incident
  }

  /** A refused upload is said in the room (an event) as well as to the one who sent it. */
  private refuse(incidentId: string, name: string, reason: string, actor: Actor): VirgilError {
    const shown = safeFileName(name).name
    this.log.appendOne({ type: 'evidence.rejected', incidentId, actor, payload: { name: shown, reason, at: Date.now() } })
    return new VirgilError('BAD_INPUT', `Could not add "${shown}": ${reason}`)
  }

  private async guard<T>(work: Promise<T>, actor: Actor): Promise<T> {
    try {
      return await work
    } catch (err) {
      if (err instanceof UploadRefused) throw this.refuse(err.session.incidentId, err.session.name, err.reason, actor)
      throw err
    }
  }
}
