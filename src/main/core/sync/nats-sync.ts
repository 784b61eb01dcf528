import { connect, type JetStreamClient, type NatsConnection } from 'nats'
import { VirgilError } from '../../../shared/errors'
import type { Db } from '../db/open-db'
import { highestNumberSeen, setTeamNumbering } from '../incidents/allocate-number'
import { rowToEvent, type EventLog } from '../log/event-log'
import { createLogger } from '../logger'
import type { OutboxWorker, StatusReporter } from '../outbox/outbox-worker'
import { replicateBlobs, type BlobAccess } from './blob-replication'
import { releaseOnRosterChange } from './release-quarantine'
import { consumeFeed, type FeedDeps } from './consume-feed'
import { durableName } from './durable-consumer'
import { EarlyEvents } from './early-events'
import { finalizeProvisional, formatTeamNumber, NumberQueue, openNumbers } from './numbers'
import { ensureStreams, feedsFor, SubjectRouter, type SubjectSpace } from './subjects'
import { SERVICE, SyncStatus } from './sync-status'
import { teamKey, toWire } from './wire'
import { FAST_PATH_GRACE_MS, FAST_PATH_TIMEOUT_MS, FastPublisher } from './publisher'
import type { LogEvent } from '../log/event'
import { payloadOf } from '../log/events'

export interface SyncConfig extends SubjectSpace {
  servers: string[]
  /** Restricted groups this workstation reads. */
  groups?: string[]
  replicas?: number
  user?: string
  token?: string
  teamKey?: string
  /** Idempotent apply by event id makes the window a bandwidth saving only. */
  duplicateWindowMs?: number
  numbersBucket?: string
  /** How long creating an incident waits for the team's number before taking a provisional one. */
  numberTimeoutMs?: number
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
  /** Resolves once connected and the open-stream consumer is reading. */
  ready(): Promise<void>
  /** Fetches an evidence blob this workstation lacks from the team's object store; false when it is not there. */
  fetchBlob(sha256: string): Promise<boolean>
  /** The JetStream client while connected (checkpoint copies publish through it). */
  jetstream(): JetStreamClient | undefined
  readonly config: SyncConfig
  close(): Promise<void>
}

const logger = createLogger('sync')
const errText = (err: unknown): string => (err instanceof Error ? err.message : String(err))

/**
 * Team replication over NATS JetStream. Local incident events are published through the outbox
 * (in order, retried, survive restarts) with the event id as Nats-Msg-Id, on the subject its
 * incident's restriction decides (subjects.ts); each workstation reads the open stream and its
 * groups' streams through its own durable consumers and applies events idempotently by id, in
 * each writer's chain order; what does not parse or fit is quarantined and never stalls a consumer.
 */
export function startNatsSync(deps: SyncDeps, config: SyncConfig): NatsSync {
  const { db, log, outbox } = deps
  const key = teamKey(config.teamKey)
  const groups = config.groups ?? []
  const replicas = config.replicas ?? 1
  const router = new SubjectRouter(db, log, config)
  const status = new SyncStatus(db, deps.report)
  let nc: NatsConnection | undefined
  let js: JetStreamClient | undefined
  let numbers: NumberQueue | undefined
  let closed = false
  let markReady: () => void = () => {}
  const readyPromise = new Promise<void>((resolve) => (markReady = resolve))

  const publishEvent = async (current: JetStreamClient, event: LogEvent, timeout = 5_000): Promise<Record<string, unknown>[]> => {
    const body = JSON.stringify(toWire(key, event))
    const subjects = router.subjectsFor(String(event.incidentId), event.type)
    return Promise.all(
      subjects.map(async (subject) => {
        const ack = await current.publish(subject, body, { msgID: event.id, timeout })
        return { subject, stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate }
      })
    )
  }

  const unregister = outbox.register({
    kind: 'NATS.publish',
    service: SERVICE,
    describe: () => 'Replicating to the team',
    ownsStatus: true,
    async deliver(item) {
      const current = js
      if (!current) throw new VirgilError('UNAVAILABLE', 'Not connected to the team NATS servers; events wait here and replicate on reconnect.', { service: SERVICE })
      const row = db.prepare('SELECT * FROM events WHERE id = ?').get(item.payload.eventId)
      if (!row) return { outcome: { skipped: 'event not found' } }
      try {
        return { outcome: { acks: await publishEvent(current, rowToEvent(row as Parameters<typeof rowToEvent>[0])) } }
      } catch (err) {
        throw new VirgilError('UNAVAILABLE', `The team NATS servers did not take the event (${errText(err)}); it waits here.`, { service: SERVICE })
      }
    }
  })
  const fast = new FastPublisher(db, log, (e) => (js ? publishEvent(js, e, FAST_PATH_TIMEOUT_MS).then(() => undefined) : null))

  const blobs = deps.blobs ? replicateBlobs({ log, outbox, blobs: deps.blobs, jetstream: () => js }) : undefined

  // Only incident events travel: settings and secrets belong to each workstation. While connected
  // the fast path sends them at once; the outbox row is the guarantee if it does not.
  const removeReactor = log.addReactor((event) =>
    event.incidentId && event.origin === log.origin
      ? [{ key: `nats:${event.id}`, kind: 'NATS.publish', lane: 'nats', incidentId: null, payload: { eventId: event.id }, ...(js ? { notBefore: Date.now() + FAST_PATH_GRACE_MS } : {}) }]
      : []
  )
  backfill(db, log.origin)
  const apply = { db, log, router, key, now: Date.now, early: new EarlyEvents(db) }
  status.watchEarly(() => apply.early.oldest(`${config.subjectPrefix}.`))
  const removeRelease = releaseOnRosterChange(apply, () => closed)

  // Numbers come from the team while it answers quickly; otherwise provisional, finalized on reconnect.
  setTeamNumbering(db, {
    origin: log.origin,
    next: async () => {
      if (!numbers || !nc || nc.isClosed()) return null
      const timeout = new Promise<null>((r) => setTimeout(() => r(null), config.numberTimeoutMs ?? 2_000).unref?.())
      const n = await Promise.race([numbers.next(), timeout])
      return n === null ? null : formatTeamNumber(n)
    }
  })
  let finalizing = false
  let again = false
  let retry: NodeJS.Timeout | undefined
  const finalize = async (): Promise<void> => {
    if (!numbers || closed) return
    if (finalizing) {
      again = true
      return
    }
    finalizing = true
    again = false
    try {
      const n = await finalizeProvisional(db, log, numbers, () => closed)
      if (n) logger.info('gave provisional incidents their team numbers', { count: n })
    } catch (err) {
      logger.warn('could not finalize provisional numbers yet; trying again shortly', { error: errText(err) })
      again = true
    } finally {
      finalizing = false
    }
    if (again && !closed) {
      clearTimeout(retry)
      retry = setTimeout(() => void finalize(), 1_000)
      retry.unref?.()
    }
  }
  const feedDeps: Omit<FeedDeps, 'reading'> = { apply, status, subjectPrefix: config.subjectPrefix, closed: () => closed }

  const removeNumbering = log.onCommit((events) => {
    if (events.some((e) => e.origin === log.origin && payloadOf(e, 'incident.opened')?.number.startsWith('INC-P-'))) void finalize()
  })

  const run = async (): Promise<void> => {
    let delay = 500
    while (!closed) {
      try {
        nc = await connect({
          servers: config.servers,
          name: `virgil-${log.origin}`,
          maxReconnectAttempts: -1,
          reconnectTimeWait: 1_000,
          ...(config.user ? { user: config.user, pass: config.token ?? '' } : config.token ? { token: config.token } : {})
        })
        // close() may have run while we were connecting: it could not reach this connection.
        if (closed) {
          await nc.close().catch(() => {})
          return
        }
        const jsm = await nc.jetstreamManager()
        const problems = await ensureStreams(jsm, config, groups, { replicas, duplicateWindowMs: config.duplicateWindowMs ?? 2 * 60_000 })
        const conn = nc
        const jet = (js = conn.jetstream())
        const kv = await openNumbers(jet, config.numbersBucket ?? 'VIRGIL_NUMBERS', replicas).catch((err: unknown) => {
          problems.push(`incident numbers: ${errText(err)}`)
          return undefined
        })
        numbers = kv ? new NumberQueue(kv, () => highestNumberSeen(db)) : undefined
        status.online()
        watchStatus(nc, status, () => void finalize())
        outbox.kick()
        void finalize()
        const feeds = feedsFor(config, groups)
        const durable = durableName(log.origin)
        const loops = feeds.map((f) =>
          consumeFeed(conn, jet, f, durable, { ...feedDeps, reading: f.group ? () => {} : markReady }).catch((err: unknown) => {
            if (!f.group || closed) throw err
            status.trouble(`cannot read restricted group ${f.group} (${errText(err)}); this NATS user may not be allowed it`)
          })
        )
        for (const p of problems) status.trouble(p)
        await Promise.all(loops)
        delay = 500
      } catch (err) {
        if (closed) return
        js = undefined
        numbers = undefined
        status.offline(`cannot reach the team NATS servers (${errText(err)})`)
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
      removeRelease()
      blobs?.close()
      unregister()
      wake()
      fast.close()
      removeNumbering()
      clearTimeout(retry)
      setTeamNumbering(db, undefined)
      router.close()
      status.close()
      js = undefined
      numbers = undefined
      await nc?.drain().catch(() => {})
      await nc?.close().catch(() => {})
      await loop.catch(() => {})
    }
  }
}

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

function watchStatus(nc: NatsConnection, status: SyncStatus, onReconnect: () => void): void {
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect') status.offline('lost the team NATS connection; reconnecting')
      if (s.type === 'reconnect') {
        status.online()
        onReconnect()
      }
    }
  })().catch(() => {})
}
