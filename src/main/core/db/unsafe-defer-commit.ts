import type { Db } from './open-db'

/**
 * TEST-ONLY, never for real use: keeps one outer transaction open and commits it every `ms`, so
 * the app acknowledges writes that are not yet durable (better-sqlite3 turns each inner
 * transaction into a savepoint). This is the process-crash twin of synchronous=OFF: the crash
 * harness's negative control, which the harness must catch as lost events. (synchronous=OFF itself
 * loses nothing on kill -9, since the OS still holds the pages; only a power cut shows it.)
 */
export function deferCommits(db: Db, ms: number): () => void {
  db.exec('BEGIN')
  const timer = setInterval(() => {
    db.exec('COMMIT')
    db.exec('BEGIN')
  }, ms)
  return () => {
    clearInterval(timer)
    if (db.inTransaction) db.exec('COMMIT')
  }
}
