import type { Logger } from './logger'

export interface GuardOptions {
  /**
   * Called after an uncaught exception, when what the fault left behind cannot be known (a
   * half-run callback, a timer that never re-armed). Serve mode closes its core and opens it again.
   * Without it, the process logs and keeps serving.
   */
  onUnknownState?: (error: Error) => void
}

/**
 * Process-level last resort. A fault that escaped every error path is logged with its context.
 * Each acknowledged event was committed in its own SQLite transaction before the answer went out,
 * so nothing acknowledged depends on the state the fault left behind: a rejected promise nobody
 * awaited is logged and the core keeps serving; an uncaught exception, after which Node's own state
 * may be inconsistent, hands over to `onUnknownState` when given (a clean restart of the core).
 * Returns the function that removes the handlers.
 */
export function installProcessGuards(log: Logger, proc: NodeJS.Process = process, opts: GuardOptions = {}): () => void {
  let faults = 0
  const onException = (err: Error, origin: string): void => {
    faults++
    if (opts.onUnknownState) {
      log.error('an unexpected fault escaped its handler; Virgil restarts its core cleanly', { origin, faults, error: err })
      opts.onUnknownState(err)
    } else {
      log.error('an unexpected fault escaped its handler; Virgil keeps serving', { origin, faults, error: err })
    }
  }
  const onRejection = (reason: unknown): void => {
    faults++
    log.error('a promise failed with nobody waiting for it; Virgil keeps serving', { faults, error: reason })
  }
  proc.on('uncaughtException', onException)
  proc.on('unhandledRejection', onRejection)
  return () => {
    proc.off('uncaughtException', onException)
    proc.off('unhandledRejection', onRejection)
  }
}
