import type { ConsumerMessages } from 'nats'

/** How long a consumer may deliver nothing while its stream holds events for it. */
export const STALL_MS = 10_000

export interface ConsumeWatchdog {
  /** A message arrived. */
  seen(): void
  /** Whether the watchdog ended the current messages (consume again); resets it. */
  takeStall(): boolean
  stop(): void
}

/**
 * After a cluster node is killed, a pull consumer's outstanding pulls can be lost with it and the
 * client may wait on them well past the failover (seen in the cluster bench: no delivery 90 s after
 * the writes ended). When nothing arrived for `stallMs` while the consumer reports pending
 * messages, the current messages are closed so the caller pulls again.
 */
export function watchConsume(pending: () => Promise<number>, current: () => ConsumerMessages, onStall: () => void, stallMs = STALL_MS): ConsumeWatchdog {
  let last = Date.now()
  let stalled = false
  const quiet = (): boolean => Date.now() - last >= stallMs
  const timer = setInterval(() => {
    if (stalled || !quiet()) return
    pending().then(
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
