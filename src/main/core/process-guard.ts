import type { Logger } from './logger'

/**
 * Process-level last resort. A fault that escaped every error path is logged with its context and
 * the core keeps serving: each acknowledged event was committed in its own SQLite transaction
 * before the answer went out, so nothing acknowledged depends on the state the fault left behind.
 * Returns the function that removes the handlers.
 */
export function installProcessGuards(log: Logger, proc: NodeJS.Process = process): () => void {
  let faults = 0
  const onException = (err: Error, origin: string): void => {
    faults++
    log.error('an unexpected fault escaped its handler; Virgil keeps serving', { origin, faults, error: err })
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
