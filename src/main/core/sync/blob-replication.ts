import { createHash } from 'node:crypto'
import type { JetStreamClient, ObjectStore } from 'nats'
import { VirgilError } from '../../../shared/errors'
import type { EventLog } from '../log/event-log'
import type { OutboxWorker } from '../outbox/outbox-worker'
import { payloadOf } from '../log/events'

/** The workstation's blob store as replication sees it. */
export interface BlobAccess {
  /** Stored bytes, or undefined when this workstation does not hold them. */
  read(sha256: string): Promise<Uint8Array | undefined>
  /** Stores fetched bytes under their SHA-256. */
  put(bytes: Uint8Array): { sha256: string }
}

export const BLOB_BUCKET = 'virgil_blobs'
const SERVICE = 'Sync'
const SHA256 = /^[0-9a-f]{64}$/

/**
 * Evidence bytes between workstations, through a JetStream object store: every blob added here is
 * put in the bucket through the outbox (retried, survives restarts, skipped when the bucket already
 * has it), and a workstation asked for a blob it lacks fetches it from the bucket on demand,
 * checks its SHA-256, and keeps it. Events carry only hashes; bytes move only when needed here.
 */
export function replicateBlobs(deps: { log: EventLog; outbox: OutboxWorker; blobs: BlobAccess; jetstream: () => JetStreamClient | undefined }) {
  let bucket: Promise<ObjectStore> | undefined
  const store = async (): Promise<ObjectStore> => {
    const js = deps.jetstream()
    if (!js) throw new VirgilError('UNAVAILABLE', 'Not connected to the team NATS servers; the file waits here and is shared on reconnect.', { service: SERVICE })
    bucket ??= js.views.os(BLOB_BUCKET).catch((err: unknown) => {
      bucket = undefined
      throw err
    })
    return bucket
  }

  deps.outbox.register({
    kind: 'NATS.blob',
    service: SERVICE,
    describe: () => 'Sharing an evidence file with the team',
    async deliver(item) {
      const sha256 = String(item.payload.sha256)
      const bytes = await deps.blobs.read(sha256)
      if (!bytes) return { outcome: { skipped: 'the bytes are not on this workstation' } }
      try {
        const os = await store()
        if (await os.info(sha256)) return { outcome: { sha256, already: true } }
        const info = await os.putBlob({ name: sha256, description: 'Virgil evidence blob' }, bytes)
        return { outcome: { sha256, size: info.size } }
      } catch (err) {
        if (err instanceof VirgilError) throw err
        throw new VirgilError('UNAVAILABLE', `The team NATS servers did not take the file ${sha256.slice(0, 12)}… (${err instanceof Error ? err.message : String(err)}); it waits here.`, { service: SERVICE })
      }
    }
  })

  // Blobs written here (an upload and the attachments it brought) go to the bucket; replicated events bring none.
  const removeReactor = deps.log.addReactor((event) => {
    const evidence = payloadOf(event, 'evidence.added')
    if (!evidence || event.origin !== deps.log.origin) return []
    const blobs = (evidence.blobs ?? []).map((b) => b.sha256).filter((s) => SHA256.test(s))
    return [...new Set(blobs)].map((sha256) => ({ key: `nats:blob:${sha256}`, kind: 'NATS.blob', lane: 'nats-blobs', incidentId: null, payload: { sha256 } }))
  })

  return {
    /** Fetches a blob this workstation lacks from the team bucket; false when the bucket does not have it (yet). */
    async fetch(sha256: string): Promise<boolean> {
      if (!SHA256.test(sha256)) return false
      const bytes = await (await store()).getBlob(sha256)
      if (!bytes) return false
      const actual = createHash('sha256').update(bytes).digest('hex')
      if (actual !== sha256) throw new VirgilError('CONFLICT', `The team copy of ${sha256.slice(0, 12)}… does not match its SHA-256 (it reads ${actual.slice(0, 12)}…); it was not kept.`, { service: SERVICE })
      deps.blobs.put(bytes)
      return true
    },
    close(): void {
      removeReactor()
    }
  }
}
