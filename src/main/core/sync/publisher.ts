import type { Db } from '../db/open-db'
import type { LogEvent } from '../log/event'
import type { EventLog } from '../log/event-log'

/** How long the outbox waits before it takes over an event the fast path has not confirmed. */
export const FAST_PATH_GRACE_MS = 5_000

/**
 * The fast path of replication: right after commit, local incident events are published
 * pipelined (no round trip between them), and the outbox rows of those the server acked are
 * closed in one statement per burst. The outbox row, written in the event's transaction, stays
 * the guarantee: it becomes due after a grace period and then delivers what the fast path did
 * not (offline, a lost ack, a crash). A copy sent by both is dropped by the server (Nats-Msg-Id)
 * or ignored on apply (event id).
 */
export class FastPublisher {
  private acked: string[] = []
  private timer: NodeJS.Timeout | undefined
  private readonly stop: () => void

  constructor(
    private readonly db: Db,
    log: EventLog,
    private readonly publish: (e: LogEvent) => Promise<void> | null
  ) {
    this.stop = log.onCommit((events) => {
      for (const e of events) {
        if (!e.incidentId || e.origin !== log.origin) continue
        const sent = this.publish(e)
        if (sent) sent.then(() => this.ack(`nats:${e.id}`), () => undefined)
      }
    })
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
    this.stop()
    clearTimeout(this.timer)
    this.flush()
  }
}
