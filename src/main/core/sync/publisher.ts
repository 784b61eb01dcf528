import type { Db } from '../db/open-db'
import type { LogEvent } from '../log/event'
import type { EventLog } from '../log/event-log'

/** How long the outbox waits before it takes over an event the fast path has not confirmed. */
export const FAST_PATH_GRACE_MS = 5_000
/** A fast publish not acked within this is sent again (a stream leader lost with its node). */
export const FAST_PATH_TIMEOUT_MS = 2_000
/** A failed fast publish is tried again after this, doubling while the servers keep failing. */
const RETRY_FIRST_MS = 250
const RETRY_MAX_MS = 1_000
/** Past this many failures waiting (a long outage), the rest is left to the outbox. */
const MAX_RETRIES_WAITING = 20_000

/**
 * The fast path of replication: right after commit, local incident events are published
 * pipelined (no round trip between them), and the outbox rows of those the server acked are
 * closed in one statement per burst. The outbox row, written in the event's transaction, stays
 * the guarantee: it becomes due after a grace period and then delivers what the fast path did
 * not (offline, a lost ack, a crash). A copy sent by both is dropped by the server (Nats-Msg-Id)
 * or ignored on apply (event id). What fails here (a cluster electing a new leader) is sent again
 * pipelined a moment later: the outbox delivers one event per round trip and commit, far below a
 * busy writer's rate, and the readers hold the writer's later events until these arrive.
 */
export class FastPublisher {
  private acked: string[] = []
  private timer: NodeJS.Timeout | undefined
  private readonly stop: () => void
  private readonly failed = new Map<string, LogEvent>()
  private retryTimer: NodeJS.Timeout | undefined
  private retryDelay = RETRY_FIRST_MS
  private retrying = false
  private closed = false

  constructor(
    private readonly db: Db,
    log: EventLog,
    private readonly publish: (e: LogEvent) => Promise<void> | null
  ) {
    this.stop = log.onCommit((events) => {
      for (const e of events) if (e.incidentId && e.origin === log.origin) void this.send(e)
    })
  }

  /** True when the server took it, or when there is no connection (the outbox sends it on reconnect). */
  private send(e: LogEvent): Promise<boolean> {
    const sent = this.publish(e)
    if (!sent) return Promise.resolve(true)
    return sent.then(
      () => {
        this.ack(`nats:${e.id}`)
        return true
      },
      () => {
        this.fail(e)
        return false
      }
    )
  }

  private fail(e: LogEvent): void {
    if (this.closed || this.failed.size >= MAX_RETRIES_WAITING) return
    this.failed.set(e.id, e)
    if (!this.retrying) this.retryTimer ??= setTimeout(() => void this.retry(), this.retryDelay)
  }

  /** The oldest failure (by clock: they fail out of order) goes first, alone: while the servers still fail, one publish per try. */
  private async retry(): Promise<void> {
    this.retryTimer = undefined
    this.retrying = true
    const [first, ...rest] = [...this.failed.values()].sort((x, y) => (x.hlc < y.hlc ? -1 : 1))
    this.failed.clear()
    let ok = first ? await this.send(first) : true
    if (ok) ok = (await Promise.all(rest.map((e) => this.send(e)))).every(Boolean)
    else for (const e of rest) this.failed.set(e.id, e)
    this.retrying = false
    this.retryDelay = ok ? RETRY_FIRST_MS : Math.min(this.retryDelay * 2, RETRY_MAX_MS)
    if (this.failed.size && !this.closed) this.retryTimer ??= setTimeout(() => void this.retry(), this.retryDelay)
  }

  private ack(key: string): void {
    this.acked.push(key)
    this.timer ??= setTimeout(() => this.flush(), 20)
  }

  flush(): void {
    this.timer = undefined
    const keys = this.acked
    this.acked = []
    if (!keys.length || !this.db.open) return
    const close = this.db.prepare(`UPDATE outbox SET status = 'done', done_at = ? WHERE key = ? AND status = 'pending'`)
    const now = Date.now()
    this.db.transaction(() => {
      for (const k of keys) close.run(now, k)
    })()
  }

  close(): void {
    this.closed = true
    this.stop()
    clearTimeout(this.retryTimer)
    this.failed.clear()
    clearTimeout(this.timer)
    this.flush()
  }
}
