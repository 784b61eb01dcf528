import { ConsumerDebugEvents, ConsumerEvents, type ConsumerMessages, type ConsumerStatus, type JetStreamClient, type JsMsg, type NatsConnection } from 'nats'
import { createLogger } from '../logger'
import { applyBatch, type ApplyDeps } from './apply-batch'
import { watchConsume } from './consume-watchdog'
import { ensureDurable } from './durable-consumer'
import type { GapHold } from './gap-hold'
import { isCheckpointSubject } from './subjects'
import type { SyncStatus } from './sync-status'

const logger = createLogger('sync')

/**
 * How long one pull waits on the server. The client notices a pull lost with a node after two
 * missed heartbeats (half of this each), so it is shorter than the client's 30 s default.
 */
export const PULL_EXPIRES_MS = 10_000

/** The watchdog's requests give up sooner than the client's 5 s: a consumer electing a leader does not answer. */
const CHECK_TIMEOUT_MS = 1_500

/** What the client reports but does not act on at once although its pulls are gone. */
const losesPulls = (s: ConsumerStatus): boolean =>
  s.type === ConsumerEvents.HeartbeatsMissed || s.type === ConsumerEvents.NoResponders || (s.type === ConsumerDebugEvents.DebugEvent && String(s.data).includes('leadership change'))

export interface FeedDeps {
  apply: ApplyDeps
  status: SyncStatus
  /** Early events of every feed of this workstation (gap-hold.ts). */
  hold: GapHold
  subjectPrefix: string
  closed: () => boolean
  /** The consumer is reading (the open feed makes the sync ready). */
  reading: () => void
}

/**
 * Reads one stream through this workstation's durable consumer until the connection ends: bursts
 * applied in one transaction each, early events held until their predecessor lands, and a pull
 * started again when the server holds work for it but nothing arrives (consume-watchdog.ts).
 */
export async function consumeFeed(nc: NatsConnection, js: JetStreamClient, feed: { stream: string; filter: string; group: string | null }, durable: string, d: FeedDeps): Promise<void> {
  const jsm = await nc.jetstreamManager()
  await ensureDurable(jsm, feed.stream, durable, feed.filter)
  const consumer = await js.consumers.get(feed.stream, durable)
  const info = await consumer.info()
  const open = !feed.group
  if (open) d.status.pending(info.num_pending)
  const pull = () => consumer.consume({ max_messages: 4096, expires: PULL_EXPIRES_MS })
  let messages = await pull()
  d.reading()
  let batch: JsMsg[] = []
  let sinceInfo = 0
  const hold = (m: JsMsg): void => d.hold.hold(m)
  const flush = (): void => {
    const taken = batch
    batch = []
    // Closed meanwhile (the database may be gone): unacked, they come back on the next start.
    if (d.closed()) return
    let result = applyBatch(d.apply, taken, hold)
    sinceInfo += taken.length
    // What was applied may be what held events of the same incidents waited for; each pass applies at least one more.
    while (result.moved.size > 0 && d.hold.size > 0) {
      const released = d.hold.takeFor(result.moved)
      if (released.length === 0) break
      result = applyBatch(d.apply, released, hold)
    }
    if (open && (sinceInfo >= 1000 || (taken.length && messages.getPending() === 0))) {
      sinceInfo = 0
      void consumer.info().then((i) => d.status.pending(i.num_pending), () => {})
    }
  }
  // Waiting on the server: undelivered messages (also by the stream's own count: after a stream
  // leader moved, a 2.9 consumer was seen reporting none pending until pulled again), and delivered
  // ones not acked that are not held here (handed to a connection that died; they come back after
  // the ack wait, to a live pull).
  const quick = await nc.jetstreamManager({ timeout: CHECK_TIMEOUT_MS, checkAPI: false })
  const waiting = async (): Promise<number> => {
    const [i, s] = await Promise.all([quick.consumers.info(feed.stream, durable), quick.streams.info(feed.stream).catch(() => undefined)])
    const undelivered = Math.max(i.num_pending, s ? s.state.last_seq - i.delivered.stream_seq : 0)
    return undelivered + Math.max(0, i.num_ack_pending - d.hold.count(feed.stream) - batch.length)
  }
  const watchdog = watchConsume(waiting, () => messages, () => logger.warn('the team stream delivered nothing for a while although events wait; pulling again', { stream: feed.stream }))
  const listen = async (current: ConsumerMessages): Promise<void> => {
    for await (const s of await current.status()) if (losesPulls(s)) watchdog.suspect()
  }
  void listen(messages).catch(() => undefined)
  try {
    for (;;) {
      for await (const m of messages) {
        watchdog.seen()
        // Checkpoints share the open stream (see checkpoint-copy.ts); they are not events.
        if (isCheckpointSubject(d.subjectPrefix, m.subject)) {
          m.ack()
          continue
        }
        batch.push(m)
        // A short window gathers a burst into one transaction (one fsync): catch-up speed.
        if (batch.length === 1) setTimeout(flush, 10)
        if (batch.length >= 4000) flush()
      }
      if (d.closed() || !watchdog.takeStall()) return
      messages = await pull()
      void listen(messages).catch(() => undefined)
    }
  } finally {
    watchdog.stop()
  }
}
