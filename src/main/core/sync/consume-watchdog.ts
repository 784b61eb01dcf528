import type { ConsumerMessages } from 'nats'

/** How long a consumer may deliver nothing while the server holds work for it. */
export const STALL_MS = 5_000

export interface ConsumeWatchdog {
  /** A message arrived. */
  seen(): void
  /** Whether the watchdog ended the current messages (consume again); resets it. */
  takeStall(): boolean
  stop(): void
}

/**
 * After a cluster node is killed, a pull consumer's outstanding pulls can be lost with it, and the
 * client notices only after two missed heartbeats or not at all (seen in the cluster bench: no
 * pull waiting on the server for 10 s while events waited). When nothing arrived for `stallMs` while the server holds work for this
 * consumer (`waiting`: undelivered messages, or delivered ones lost on the way that come back only
 * to a live pull), the current messages are closed so the caller pulls again.
 */
export function watchConsume(waiting: () => Promise<number>, current: () => ConsumerMessages, onStall: () => void, stallMs = STALL_MS): ConsumeWatchdog {
  let last = Date.now()
  let stalled = false
  const quiet = (): boolean => Date.now() - last >= stallMs
  const timer = setInterval(() => {
    if (stalled || !quiet()) return
    waiting().then(
      (n) => {
        if (stalled || !quiet() || n === 0) return
        stalled = true
        onStall()
        void current().close().catch(() => undefined)
      },
      () => undefined
    )
  }, stallMs / 2)
  timer.unref?.()
  return {
    seen: () => {
      last = Date.now()
    },
    takeStall: () => {
      const was = stalled
      stalled = false
      last = Date.now()
      return was
    },
    stop: () => clearInterval(timer)
  }
}
