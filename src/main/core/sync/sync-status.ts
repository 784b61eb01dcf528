import type { Db } from '../db/open-db'
import type { StatusReporter } from '../outbox/outbox-worker'

export const SERVICE = 'Sync'

/** How long events may wait for an earlier one before the pill says so (a failover takes seconds). */
export const EARLY_NOTICE_MS = 60_000

const hhmm = (t: number): string => {
  const d = new Date(t)
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
}

/**
 * The Sync pill in the top bar, in words: "connected", "offline since 14:02 · 12 events waiting",
 * or "catching up 1200 of 5000" (the renderer draws a progress bar from "k of n").
 */
export class SyncStatus {
  private offlineSince: number | null = null
  private reason = ''
  private catchUp: { total: number; left: number } | null = null
  private last = ''
  private readonly troubles = new Set<string>()
  private timer: NodeJS.Timeout | undefined
  /** Events kept for an earlier one (early-events.ts); the writer may never send that one. */
  private early: (() => { count: number; since: number } | null) | undefined

  constructor(
    private readonly db: Db,
    private readonly report: StatusReporter,
    private readonly now: () => number = Date.now
  ) {
    this.timer = setInterval(() => this.refresh(), 1_000)
    this.timer.unref?.()
  }

  waiting(): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM outbox WHERE status IN ('pending', 'parked') AND kind = 'NATS.publish'`).get() as { n: number }).n
  }

  online(): void {
    if (this.offlineSince !== null) this.troubles.clear()
    this.offlineSince = null
    this.refresh()
  }

  offline(reason: string): void {
    this.offlineSince ??= this.now()
    this.reason = reason
    this.catchUp = null
    this.refresh()
  }

  /** What the consumers still have to deliver; the first figure of a catch-up is its total. */
  pending(left: number): void {
    if (left <= 0) this.catchUp = null
    else if (!this.catchUp) this.catchUp = { total: left, left }
    else this.catchUp = { total: Math.max(this.catchUp.total, this.catchUp.total - this.catchUp.left + left), left }
    this.refresh()
  }

  watchEarly(oldest: () => { count: number; since: number } | null): void {
    this.early = oldest
    this.refresh()
  }

  /** Something wrong while connected (a group this user may not read); shown until reconnect. */
  trouble(detail: string): void {
    this.troubles.add(detail)
    this.refresh()
  }

  refresh(): void {
    let state: 'ok' | 'degraded' | 'down' = 'ok'
    let detail: string
    if (this.offlineSince !== null) {
      const n = this.waiting()
      state = 'down'
      detail = `offline since ${hhmm(this.offlineSince)} · ${n} event${n === 1 ? '' : 's'} waiting · ${this.reason}; working locally`
    } else if (this.catchUp) {
      const done = this.catchUp.total - this.catchUp.left
      detail = `catching up ${done} of ${this.catchUp.total}`
    } else {
      const n = this.waiting()
      detail = n > 0 ? `connected · sending ${n}` : 'connected'
      const troubles = [...this.troubles]
      const stuck = this.early?.()
      if (stuck && this.now() - stuck.since >= EARLY_NOTICE_MS) {
        troubles.push(`${stuck.count} event${stuck.count === 1 ? '' : 's'} from the team wait since ${hhmm(stuck.since)} for an earlier one their writer has not sent yet`)
      }
      if (troubles.length) {
        state = 'degraded'
        detail = `${detail}, but ${troubles.join('; ')}`
      }
    }
    const key = `${state}|${detail}`
    if (key === this.last) return
    this.last = key
    this.report(SERVICE, state, detail)
  }

  close(): void {
    clearInterval(this.timer)
  }
}
