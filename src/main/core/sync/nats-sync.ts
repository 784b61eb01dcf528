import { AckPolicy, connect, DeliverPolicy, type JetStreamClient, type NatsConnection } from 'nats'
import { z } from 'zod'
import { VirgilError } from '../../../shared/errors'
import type { Db } from '../db/open-db'
import type { LogEvent } from '../log/event'
import { rowToEvent, type EventLog } from '../log/event-log'
import type { OutboxWorker } from '../outbox/outbox-worker'
import type { StatusReporter } from '../outbox/outbox-worker'
import { replicateBlobs, type BlobAccess } from './blob-replication'
import { createLogger } from '../logger'

const logger = createLogger('sync')

export interface SyncConfig {
  servers: string[]
  stream: string
  subjectPrefix: string
  token?: string
}

export interface SyncDeps {
  db: Db
  log: EventLog
  outbox: OutboxWorker
  report: StatusReporter
  /** Evidence bytes, shared through the team's object store when given. */
  blobs?: BlobAccess
}

export interface NatsSync {
  /** Resolves once connected and the durable consumer is reading. */
  ready(): Promise<void>
  /** Fetches an evidence blob this workstation lacks from the team's object store; false when it is not there. */
  fetchBlob(sha256: string): Promise<boolean>
  /** The JetStream client while connected (checkpoint copies publish through it). */
  jetstream(): JetStreamClient | undefined
  readonly config: SyncConfig
  close(): Promise<void>
}

const SERVICE = 'NATS'

/**
 * Team replication over NATS JetStream. Local incident events are published through the outbox
 * (in order, retried, survive restarts) with the event id as Nats-Msg-Id, so the server drops
 * duplicates; each workstation reads every subject through its own durable consumer and applies
 * events idempotently, in each writer's chain order. Offline workstations keep working and catch up.
 */
export function startNatsSync(deps: SyncDeps, config: SyncConfig): NatsSync {
  const { db, log, outbox, report } = deps
  let nc: NatsConnection | undefined
  let js: JetStreamClient | undefined
  let closed = false
  let markReady: () => void = () => {}
  const readyPromise = new Promise<void>((resolve) => (markReady = resolve))
  const subjectFor = (incidentId: string): string => `${config.subjectPrefix}.${incidentId}`

  const unregister = outbox.register({
    kind: 'NATS.publish',
    service: SERVICE,
    describe: () => 'Replicating to the team',
    async deliver(item) {
      if (!js) throw new VirgilError('UNAVAILABLE', 'Not connected to the team NATS servers; events wait here and replicate on reconnect.', { service: SERVICE })
      const row = db.prepare('SELECT * FROM events WHERE id = ?').get(item.payload.eventId)
      if (!row) return { outcome: { skipped: 'event not found' } }
      const event = rowToEvent(row as Parameters<typeof rowToEvent>[0])
      let ack
      try {
        ack = await js.publish(subjectFor(String(event.incidentId)), JSON.stringify(toWire(event)), { msgID: event.id, timeout: 5_000 })
      } catch (err) {
        throw new VirgilError('UNAVAILABLE', `The team NATS servers did not take the event (${err instanceof Error ? err.message : String(err)}); it waits here.`, { service: SERVICE })
      }
      return { outcome: { stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate } }
    }
  })

  const blobs = deps.blobs ? replicateBlobs({ log, outbox, blobs: deps.blobs, jetstream: () => js }) : undefined

  // Only incident events travel: settings and secrets belong to each workstation.
  const removeReactor = log.addReactor((event) =>
    event.incidentId && event.origin === log.origin
      ? [{ key: `nats:${event.id}`, kind: 'NATS.publish', lane: 'nats', incidentId: null, payload: { eventId: event.id } }]
      : []
  )
  backfill(db, log.origin)

  const run = async (): Promise<void> => {
    let delay = 500
    while (!closed) {
      try {
        nc = await connect({
          servers: config.servers,
          name: `virgil-${log.origin}`,
          maxReconnectAttempts: -1,
          reconnectTimeWait: 1_000,
          ...(config.token ? { token: config.token } : {})
        })
        // close() may have run while we were connecting: it could not reach this connection.
        if (closed) {
          await nc.close().catch(() => {})
          return
        }
        const jsm = await nc.jetstreamManager()
        await ensureStream(jsm, config)
        const durable = `virgil_${log.origin}`
        await jsm.consumers.add(config.stream, {
          durable_name: durable,
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.All,
          filter_subject: `${config.subjectPrefix}.>`,
          max_deliver: -1,
          ack_wait: 30_000_000_000
        })
        js = nc.jetstream()
        report(SERVICE, 'ok', `replicating via ${config.servers.join(', ')}`, 'connection')
        watchStatus(nc, report)
        outbox.kick()
        const consumer = await js.consumers.get(config.stream, durable)
        const messages = await consumer.consume({ max_messages: 256 })
        markReady()
        for await (const m of messages) {
          // Checkpoints share the stream (see checkpoint-copy.ts); they are not events.
          if (isCheckpointSubject(config.subjectPrefix, m.subject)) {
            m.ack()
            continue
          }
          try {
            const outcome = log.ingest(fromWire(m.json()))
            if (outcome === 'gap') m.nak(1_000)
            else m.ack()
          } catch (err) {
            logger.error('could not apply a replicated event', { error: err })
            m.term()
          }
        }
        delay = 500
      } catch (err) {
        if (closed) return
        js = undefined
        report(SERVICE, 'down', `cannot reach the team NATS servers (${err instanceof Error ? err.message : String(err)}); working locally`, 'connection')
        await nc?.close().catch(() => {})
        await new Promise<void>((r) => {
          const timer = setTimeout(r, delay)
          wake = () => {
            clearTimeout(timer)
            r()
          }
        })
        wake = () => {}
        delay = Math.min(delay * 2, 30_000)
      }
    }
  }
  let wake: () => void = () => {}
  const loop = run()

  return {
    ready: () => readyPromise,
    fetchBlob: (sha256) => blobs?.fetch(sha256) ?? Promise.resolve(false),
    jetstream: () => js,
    config,
    async close() {
      closed = true
      removeReactor()
      blobs?.close()
      unregister()
      wake()
      js = undefined
      await nc?.drain().catch(() => {})
      await nc?.close().catch(() => {})
      await loop.catch(() => {})
    }
  }
}

/** `<prefix>.checkpoints.<origin>`: inside the stream's subjects, one token deeper than an incident's. */
export const checkpointSubject = (prefix: string, origin: string): string => `${prefix}.checkpoints.${origin}`
const isCheckpointSubject = (prefix: string, subject: string): boolean => subject.startsWith(`${prefix}.checkpoints.`)

/**
 * Queues local incident events not yet queued for publishing (first start of replication on an
 * existing log); a watermark keeps later starts from rescanning the whole log.
 */
function backfill(db: Db, origin: string): void {
  const now = Date.now()
  db.transaction(() => {
    const from = Number((db.prepare(`SELECT value FROM meta WHERE key = 'nats_backfilled_seq'`).get() as { value: string } | undefined)?.value ?? 0)
    const to = (db.prepare('SELECT max(seq) AS m FROM events').get() as { m: number | null }).m ?? 0
    db.prepare(
      `INSERT OR IGNORE INTO outbox (key, kind, lane, incident_id, payload, status, next_at, created_at)
       SELECT 'nats:' || id, 'NATS.publish', 'nats', NULL, json_object('eventId', id), 'pending', ?, ?
       FROM events WHERE origin = ? AND incident_id IS NOT NULL AND seq > ? AND seq <= ? ORDER BY seq`
    ).run(now, now, origin, from, to)
    db.prepare(`INSERT INTO meta (key, value) VALUES ('nats_backfilled_seq', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(String(to))
  })()
}

async function ensureStream(jsm: Awaited<ReturnType<NatsConnection['jetstreamManager']>>, config: SyncConfig): Promise<void> {
  try {
    await jsm.streams.info(config.stream)
  } catch {
    await jsm.streams.add({ name: config.stream, subjects: [`${config.subjectPrefix}.>`], duplicate_window: 2 * 60 * 1_000_000_000 })
  }
}

function watchStatus(nc: NatsConnection, report: StatusReporter): void {
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect') report(SERVICE, 'degraded', 'lost the team NATS connection; reconnecting, working locally', 'connection')
      if (s.type === 'reconnect') report(SERVICE, 'ok', 'reconnected to the team NATS servers', 'connection')
    }
  })().catch(() => {})
}

const wireSchema = z.object({
  id: z.string().min(1),
  origin: z.string().min(1),
  hlc: z.string().min(1),
  type: z.string().min(1),
  incidentId: z.string().nullable(),
  actor: z.object({ id: z.string(), name: z.string() }),
  payload: z.record(z.string(), z.unknown()),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/)
})

function toWire(e: LogEvent): z.infer<typeof wireSchema> {
  return { id: e.id, origin: e.origin, hlc: e.hlc, type: e.type, incidentId: e.incidentId, actor: e.actor, payload: e.payload, prevHash: e.prevHash, hash: e.hash }
}

function fromWire(raw: unknown): LogEvent {
  const parsed = wireSchema.safeParse(raw)
  if (!parsed.success) throw new VirgilError('BAD_INPUT', `A replicated event is malformed: ${parsed.error.issues[0]?.message ?? 'invalid'}`)
  return parsed.data
}
