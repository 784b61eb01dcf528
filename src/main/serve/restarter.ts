import type { Logger } from '../core/logger'

export interface RestarterOptions {
  log: Logger
  /** Closes the serving core and opens it again (same data dir, same port and token). */
  restart: () => Promise<void>
  /** How the process ends when a restart cannot help (a restart that fails, or restarts in a loop). */
  exit: (code: number) => void
  /** More restarts than this within windowMs is a loop: stop rather than spin. */
  maxRestarts?: number
  windowMs?: number
  /** A restart that takes longer is treated as failed. */
  timeoutMs?: number
}

/**
 * Restarts the core after a fault that left its state unknown. One restart at a time (a fault
 * during a restart is already being dealt with); a restart that fails or hangs, or faults that keep
 * coming, end the process with a clear line so a supervisor (or the analyst) starts it afresh.
 */
export function createRestarter(opts: RestarterOptions): { request(reason: Error): void; idle(): Promise<void>; count(): number } {
  const max = opts.maxRestarts ?? 5
  const windowMs = opts.windowMs ?? 60_000
  const timeoutMs = opts.timeoutMs ?? 15_000
  const times: number[] = []
  let running: Promise<void> | undefined
  let total = 0

  const once = async (reason: Error): Promise<void> => {
    const now = Date.now()
    while (times.length && now - times[0]! > windowMs) times.shift()
    if (times.length >= max) {
      opts.log.error(`faults keep coming (${times.length} restarts within ${Math.round(windowMs / 1000)} s); Virgil stops so it can be started afresh`, { error: reason })
      return opts.exit(70)
    }
    times.push(now)
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the restart did not finish within ${timeoutMs / 1000} s`)), timeoutMs)
    })
    try {
      await Promise.race([opts.restart(), late])
      total++
      opts.log.warn('Virgil restarted its core after the fault; every acknowledged event is on disk', { restarts: total, cause: reason.message })
    } catch (err) {
      opts.log.error('Virgil could not restart its core after the fault; it stops so it can be started afresh', { error: err })
      opts.exit(1)
    } finally {
      clearTimeout(timer)
    }
  }

  return {
    request(reason) {
      if (running) {
        opts.log.warn('another fault while restarting; the restart under way covers it', { error: reason })
        return
      }
      running = once(reason).finally(() => {
        running = undefined
      })
    },
    idle: () => running ?? Promise.resolve(),
    count: () => total
  }
}
