import type { ConsumerMessages } from 'nats'

/** How long a consumer may deliver nothing while the server holds work for it. */
export const STALL_MS = 3_000
/** After a pull that brought nothing, the next one goes sooner: the consumer's new leader may just be up. */
const REPULL_FIRST_MS = 1_000
/** While nothing arrives and nothing waits, checks thin out to one per this (two API requests each). */
const IDLE_CHECK_MAX_MS = 30_000

export interface ConsumeWatchdog {
  /** A message arrived. */
  seen(): void
  /** The client heard its pulls may be gone (a leadership change, missed heartbeats): check now. */
  suspect(): void
  /** Whether the watchdog ended the current messages (consume again); resets it. */
  takeStall(): boolean
  stop(): void
}

/**
 * After a cluster node is killed, a pull consumer's outstanding pulls can be lost with it, and the
 * client notices only after two missed heartbeats or not at all; a pull sent while the consumer
 * elects a new leader is lost too (seen in the cluster bench: no pull waiting on the server for
 * 10 s while events waited). When nothing arrived for `stallMs` while the server holds work for
 * this consumer (`waiting`: undelivered messages, or delivered ones lost on the way that come back
 * only to a live pull), the current messages are closed so the caller pulls again; while that
 * brings nothing, again after 1 s, 2 s… `onStall` hears the first of such a run. A quiet consumer
 * with nothing waiting is checked again after 2, 4, 8… times `stallMs`, up to 30 s.
 */
export function watchConsume(waiting: () => Promise<number>, current: () => ConsumerMessages, onStall: () => void, stallMs = STALL_MS): ConsumeWatchdog {
  let last = Date.now()
  let stalled = false
  let repulls = 0
  let stopped = false
  let idleDelay = stallMs
  let suspicious = false
  let timer: NodeJS.Timeout | undefined
  const threshold = (): number => (suspicious ? 0 : repulls ? Math.min(stallMs, REPULL_FIRST_MS * 2 ** (repulls - 1)) : stallMs)
  const schedule = (ms: number): void => {
    clearTimeout(timer)
    if (stopped) return
    timer = setTimeout(check, Math.max(ms, 50))
    timer.unref?.()
  }
  const check = (): void => {
    if (stalled) return
    const left = threshold() - (Date.now() - last)
    if (left > 0) return schedule(left)
    waiting().then(
      (n) => {
        if (stalled || stopped) return
        const still = threshold() - (Date.now() - last)
        if (still > 0) return schedule(still)
        if (n === 0) {
          idleDelay = Math.min(idleDelay * 2, IDLE_CHECK_MAX_MS)
          return schedule(idleDelay)
        }
        if (repulls === 0) onStall()
        repulls++
        suspicious = false
        stalled = true
        void current().close().catch(() => undefined)
      },
      () => schedule(Math.min(threshold(), REPULL_FIRST_MS))
    )
  }
  schedule(stallMs)
  return {
    seen: () => {
      last = Date.now()
      repulls = 0
      suspicious = false
      if (idleDelay !== stallMs) {
        idleDelay = stallMs
        schedule(stallMs)
      }
    },
    suspect: () => {
      suspicious = true
      if (!stalled) schedule(0)
    },
    takeStall: () => {
      const was = stalled
      stalled = false
      last = Date.now()
      schedule(threshold())
      return was
    },
    stop: () => {
      stopped = true
      clearTimeout(timer)
    }
  }
}
