import { gunzipSync, gzipSync } from 'node:zlib'
import { connect, headers } from 'nats'
import { VirgilError } from '../../../shared/errors'
import type { Checkpoint } from '../archive/checkpoint'
import type { CheckpointService } from '../archive/checkpoint-service'
import { checkpointSchema, parseCheckpoint } from '../archive/checkpoint-store'
import type { EventLog } from '../log/event-log'
import type { OutboxWorker } from '../outbox/outbox-worker'
import type { NatsSync } from './nats-sync'
import { checkpointSubject } from './subjects'

export const NATS_CHECKPOINT_KIND = 'NATS.checkpoint'

export interface CheckpointCopyDeps {
  log: EventLog
  outbox: OutboxWorker
  checkpoints: CheckpointService
  /** The running team replication, if Settings → Sync has it on. */
  sync: () => NatsSync | undefined
}

/** What a checkpoint seals of the incidents: a copy is sent only when that changed. */
function incidentsSealed(c: Checkpoint): string {
  return c.chains
    .filter((s) => s.incidentId !== null)
    .map((s) => `${s.chain}:${s.count}:${s.digest}`)
    .join('|')
}

/**
 * Sends each checkpoint to the team stream while sync is on, through the outbox like every other
 * publish (in order, retried, kept across restarts), on `<prefix>.checkpoints.<origin>`: whoever
 * deletes this database cannot reach the copy on the team's NATS servers. A checkpoint that seals
 * the same incident events as the last one sent is not sent again (the delivery itself is logged, so
 * sending every timer checkpoint would never stop).
 */
export function installCheckpointCopies(deps: CheckpointCopyDeps): () => void {
  let lastSent = ''
  deps.outbox.register({
    kind: NATS_CHECKPOINT_KIND,
    service: 'Sync',
    describe: () => 'Checkpoint copy to the team stream',
    async deliver(item) {
      const sync = deps.sync()
      const js = sync?.jetstream()
      if (!sync || !js) throw new VirgilError('UNAVAILABLE', 'Not connected to the team NATS servers; the checkpoint copy waits here.', { service: 'Sync' })
      const checkpoint = checkpointSchema.parse(item.payload.checkpoint)
      const subject = checkpointSubject(sync.config.subjectPrefix, checkpoint.origin)
      try {
        // Gzipped: a whole-log checkpoint of ~10k incidents is over NATS's default 1 MB payload as JSON.
        const h = headers()
        h.set('Content-Encoding', 'gzip')
        const ack = await js.publish(subject, gzipSync(JSON.stringify(checkpoint)), { msgID: item.key, timeout: 5_000, headers: h })
        return { outcome: { stream: ack.stream, seq: ack.seq, subject } }
      } catch (err) {
        throw new VirgilError('UNAVAILABLE', `The team NATS servers did not take the checkpoint (${err instanceof Error ? err.message : String(err)}); it waits here.`, { service: 'Sync' })
      }
    }
  })
  return deps.checkpoints.onCheckpoint((checkpoint) => {
    if (!deps.sync()) return
    const sealed = incidentsSealed(checkpoint)
    if (sealed === lastSent) return
    lastSent = sealed
    deps.log.queue({ key: `nats:checkpoint:${checkpoint.origin}:${checkpoint.at}`, kind: NATS_CHECKPOINT_KIND, lane: 'nats:checkpoints', incidentId: null, payload: { checkpoint } })
    deps.outbox.kick()
  })
}

export interface StreamCheckpointQuery {
  servers: string[]
  stream: string
  subjectPrefix: string
  origin: string
  token?: string
  timeoutMs?: number
}

/** The newest checkpoint a workstation sent to the team stream, or undefined when it sent none. */
export async function latestCheckpointInStream(q: StreamCheckpointQuery): Promise<Checkpoint | undefined> {
  const nc = await connect({ servers: q.servers, timeout: q.timeoutMs ?? 5_000, maxReconnectAttempts: 0, ...(q.token ? { token: q.token } : {}) })
  try {
    const jsm = await nc.jetstreamManager({ timeout: q.timeoutMs ?? 5_000 })
    try {
      const m = await jsm.streams.getMessage(q.stream, { last_by_subj: checkpointSubject(q.subjectPrefix, q.origin) })
      const bytes = m.header?.get('Content-Encoding') === 'gzip' ? gunzipSync(m.data) : m.data
      return parseCheckpoint(new TextDecoder().decode(bytes))
    } catch (err) {
      if (/no message found|not found/i.test(err instanceof Error ? err.message : String(err))) return undefined
      throw err
    }
  } finally {
    await nc.close()
  }
}
