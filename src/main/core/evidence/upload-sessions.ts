import { ulid } from 'ulid'
import { UPLOAD_CHUNK_BYTES, formatBytes } from '../../../shared/evidence'
import { VirgilError } from '../../../shared/errors'
import type { Actor } from '../commands/types'
import type { BlobStore, PendingBlob } from './blob-store'

const IDLE_MS = 10 * 60_000

export interface UploadSession {
  id: string
  incidentId: string
  name: string
  declared: number
  actorId: string
  pending: PendingBlob
  nextIndex: number
  isBusy: boolean
  lastAt: number
  asNote: boolean
}

/** Thrown when an upload must stop; the service records the reason in the room. */
export class UploadRefused extends VirgilError {
  constructor(
    readonly session: Pick<UploadSession, 'incidentId' | 'name'>,
    readonly reason: string
  ) {
    super('BAD_INPUT', `Could not add "${session.name}": ${reason}`)
  }
}

/**
 * Uploads in flight: chunks arrive in order over either transport and are written to a temp file
 * in the blob store while MD5, SHA-1 and SHA-256 are computed, so memory stays flat.
 */
export class UploadSessions {
  private readonly sessions = new Map<string, UploadSession>()
  private readonly sweeper: NodeJS.Timeout

  constructor(
    private readonly store: BlobStore,
    private readonly limitBytes: () => number,
    private readonly now: () => number = Date.now
  ) {
    this.sweeper = setInterval(() => void this.sweep(), 60_000)
    this.sweeper.unref()
  }

  async begin(incidentId: string, name: string, size: number, asNote: boolean, actor: Actor): Promise<UploadSession> {
    const limit = this.limitBytes()
    if (size === 0) throw new UploadRefused({ incidentId, name }, 'the file is empty (0 bytes), so there is nothing to keep.')
    if (size > limit) {
      throw new UploadRefused({ incidentId, name }, `it is ${formatBytes(size)} and the limit is ${formatBytes(limit)}. Attach an extract, or raise the limit (VIRGIL_UPLOAD_LIMIT_MB).`)
    }
    const session: UploadSession = {
      id: ulid(),
      incidentId,
      name,
      declared: size,
      actorId: actor.id,
      pending: await this.store.begin(),
      nextIndex: 0,
      isBusy: false,
      lastAt: this.now(),
      asNote
    }
    this.sessions.set(session.id, session)
    return session
  }

  /** Appends chunk `index`; a repeat of the chunk just written (a retry) is accepted and ignored. */
  async chunk(uploadId: string, index: number, base64: string, actor: Actor): Promise<number> {
    const session = this.require(uploadId, actor)
    if (index === session.nextIndex - 1) return session.pending.hash.size
    if (index !== session.nextIndex) throw new VirgilError('CONFLICT', `Part ${index + 1} of "${session.name}" arrived out of order (expected part ${session.nextIndex + 1}). Add the file again.`)
    if (session.isBusy) throw new VirgilError('CONFLICT', `"${session.name}" is still writing its previous part.`)
    const bytes = Buffer.from(base64, 'base64')
    if (bytes.length === 0 || bytes.length > UPLOAD_CHUNK_BYTES) {
      await this.drop(session)
      throw new UploadRefused(session, 'a part of it arrived damaged. Add the file again.')
    }
    if (session.pending.hash.size + bytes.length > session.declared) {
      await this.drop(session)
      throw new UploadRefused(session, `more bytes arrived than the ${formatBytes(session.declared)} it announced. Add the file again.`)
    }
    session.isBusy = true
    try {
      await session.pending.write(bytes)
    } finally {
      session.isBusy = false
    }
    session.nextIndex++
    session.lastAt = this.now()
    return session.pending.hash.size
  }

  /** Closes the temp file; the caller commits it to the store. */
  async finish(uploadId: string, actor: Actor): Promise<UploadSession> {
    const session = this.require(uploadId, actor)
    this.sessions.delete(uploadId)
    await session.pending.close()
    if (session.pending.hash.size !== session.declared) {
      await session.pending.discard()
      throw new UploadRefused(session, `only ${formatBytes(session.pending.hash.size)} of ${formatBytes(session.declared)} arrived. Add the file again.`)
    }
    return session
  }

  async abort(uploadId: string, actor: Actor): Promise<void> {
    const session = this.sessions.get(uploadId)
    if (session && session.actorId === actor.id) await this.drop(session)
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper)
    for (const s of [...this.sessions.values()]) await this.drop(s)
  }

  private require(uploadId: string, actor: Actor): UploadSession {
    const session = this.sessions.get(uploadId)
    if (!session || session.actorId !== actor.id) {
      throw new VirgilError('NOT_FOUND', 'That upload is no longer open (it finished, was cancelled, or waited more than 10 minutes). Add the file again.')
    }
    return session
  }

  private async drop(session: UploadSession): Promise<void> {
    this.sessions.delete(session.id)
    await session.pending.discard()
  }

  private async sweep(): Promise<void> {
    const cutoff = this.now() - IDLE_MS
    for (const s of [...this.sessions.values()]) if (s.lastAt < cutoff) await this.drop(s)
  }
}
