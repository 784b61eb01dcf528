import { ConsumerDebugEvents, ConsumerEvents, type ConsumerMessages, type ConsumerStatus, type JetStreamClient, type JsMsg, type NatsConnection } from 'nats'
import { createLogger } from '../logger'
import { applyBatch, type ApplyDeps, type BatchResult } from './apply-batch'
import { watchConsume } from './consume-watchdog'
import { ensureDurable } from './durable-consumer'
import type { WireItem } from './early-events'
import { isCheckpointSubject } from './subjects'
import type { SyncStatus } from './sync-status'

const logger = createLogger('sync')

/**
 * How long one pull waits on the server. The client notices a pull lost with a node after two
 * missed heartbeats (half of this each), so it is shorter than the client's 30 s default.
 */
export const PULL_EXPIRES_MS = 10_000

const MAX_BURST = 4_000
const LIVE_WINDOW_MS = 10
const CATCH_UP_WINDOW_MS = 250

/** The watchdog's requests give up sooner than the client's 5 s: a consumer electing a leader does not answer. */
const CHECK_TIMEOUT_MS = 1_500

/** What the client reports but does not act on at once although its pulls are gone. */
const losesPulls = (s: ConsumerStatus): boolean =>
  s.type === ConsumerEvents.HeartbeatsMissed || s.type === ConsumerEvents.NoResponders || (s.type === ConsumerDebugEvents.DebugEvent && String(s.data).includes('leadership change'))

export interface FeedDeps {
  apply: ApplyDeps
  status: SyncStatus
  subjectPrefix: string
  closed: () => boolean
  /** The consumer is reading (the open feed makes the sync ready). */
  reading: () => void
}

/**
 * Reads one stream through this workstation's durable consumer until the connection ends: bursts
 * applied in one transaction each and acked after it commits, early events kept until their
 * predecessor lands (early-events.ts), and a pull started again when the server holds work for it
 * but nothing arrives (consume-watchdog.ts). A burst that cannot be written is not acked: the
 * feed stops and reads it again.
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
  /** A burst could not be written: nothing more is acked until the feed reads again. */
  let failed = false
  let sinceInfo = 0
  /** What the server still holds for this consumer, as last asked. */
  let backlog = info.num_pending
  const ack = (settled: JsMsg[]): void => {
    try {
      for (const m of settled) m.ack()
    } catch (err) {
      // The connection closed under them: unacked, they come back and are found already applied.
      logger.warn('could not ack a burst; it will be read again', { stream: feed.stream, error: err instanceof Error ? err.message : String(err) })
    }
  }
  const apply = (items: WireItem[]): BatchResult | null => {
    let result = applyBatch(d.apply, items)
    // What was applied may be what early events of the same chains waited for; each pass applies at least one more.
    while (result.ok && result.moved.size > 0 && d.apply.early.size > 0) {
      const released = d.apply.early.takeFor(result.moved)
      if (released.length === 0) break
      const again = applyBatch(d.apply, released)
      // Not written: they stay kept and are tried when their chains move again.
      if (!again.ok) break
      result = again
    }
    return result.ok ? result : null
  }
  let window: NodeJS.Timeout | undefined
  const flush = (): void => {
    clearTimeout(window)
    const taken = batch
    batch = []
    // Closed meanwhile (the database may be gone): unacked, they come back on the next start.
    if (d.closed() || failed) return
    if (taken.length && !apply(taken)) {
      failed = true
      messages.stop()
      return
    }
    ack(taken)
    sinceInfo += taken.length
    if (sinceInfo >= 1000 || (taken.length && messages.getPending() === 0)) {
      sinceInfo = 0
      void consumer.info().then(
        (i) => {
          backlog = i.num_pending
          if (open) d.status.pending(i.num_pending)
        },
        () => {}
      )
    }
  }
  // Events kept from before (a restart) whose chains moved meanwhile, e.g. through another stream.
  if (open && d.apply.early.size > 0) apply(d.apply.early.takeFor(d.apply.early.waiting()))
  // Waiting on the server: undelivered messages (also by the stream's own count: after a stream
  // leader moved, a 2.9 consumer was seen reporting none pending until pulled again), and delivered
  // ones not acked that are not in the burst being gathered (handed to a connection that died; they
  // come back after the ack wait, to a live pull).
  const quick = await nc.jetstreamManager({ timeout: CHECK_TIMEOUT_MS, checkAPI: false })
  const waiting = async (): Promise<number> => {
    const [i, s] = await Promise.all([quick.consumers.info(feed.stream, durable), quick.streams.info(feed.stream).catch(() => undefined)])
    const undelivered = Math.max(i.num_pending, s ? s.state.last_seq - i.delivered.stream_seq : 0)
    return undelivered + Math.max(0, i.num_ack_pending - batch.length)
  }
  const watchdog = watchConsume(waiting, () => messages, () => logger.warn('the team stream delivered nothing for a while although events wait; pulling again', { stream: feed.stream }))
  const listen = async (current: ConsumerMessages): Promise<void> => {
    for await (const s of await current.status()) if (losesPulls(s)) watchdog.suspect()
  }
  void listen(messages).catch(() => undefined)
  try {
    for (;;) {
      for await (const m of messages) {
        if (failed) continue
        watchdog.seen()
        // Checkpoints share the open stream (see checkpoint-copy.ts); they are not events.
        if (isCheckpointSubject(d.subjectPrefix, m.subject)) {
          m.ack()
          continue
        }
        batch.push(m)
        // A window gathers a burst into one transaction (one fsync). Live, it is short (lag); while
        // the server holds a backlog it stays open until a full burst: a catch-up of 4,000-event
        // bursts costs a tenth less per event than one of the few hundred 10 ms gathers.
        if (batch.length === 1) window = setTimeout(flush, backlog > MAX_BURST ? CATCH_UP_WINDOW_MS : LIVE_WINDOW_MS)
        if (batch.length >= MAX_BURST) flush()
      }
      if (d.closed()) return
      if (failed) {
        // Unacked, the burst comes back after the ack wait to the new pull.
        logger.warn('reading the team stream again from the last burst written', { stream: feed.stream })
        await new Promise((r) => setTimeout(r, 1_000))
        failed = false
        batch = []
      } else if (!watchdog.takeStall()) return
      messages = await pull()
      void listen(messages).catch(() => undefined)
    }
  } finally {
    clearTimeout(window)
    watchdog.stop()
  }
}
