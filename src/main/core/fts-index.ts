import type { Db } from './db/open-db'
import { stmt } from './db/statements'
import type { EventLog } from './log/event-log'

const WATERMARK = 'fts_indexed_rowid'

/**
 * The full-text index is a projection kept just behind the log: new lines are indexed in batches
 * shortly after they commit (one FTS write per batch instead of per line, which halved the cost of
 * an append), and search catches up synchronously first, so it never misses a line.
 */
export function indexedUpTo(db: Db): number {
  const row = stmt(db, `SELECT value FROM meta WHERE key = '${WATERMARK}'`).get() as { value: string } | undefined
  return row ? Number(row.value) : 0
}

export function indexPending(db: Db): number {
  return db.transaction(() => {
    const from = indexedUpTo(db)
    const last = stmt(db, 'SELECT max(rowid) AS m FROM messages').get() as { m: number | null }
    if (!last.m || last.m <= from) return 0
    const info = stmt(db, 'INSERT INTO messages_fts (rowid, text) SELECT rowid, text FROM messages WHERE rowid > ? AND rowid <= ? AND deleted = 0').run(from, last.m)
    stmt(db, `INSERT INTO meta (key, value) VALUES ('${WATERMARK}', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(String(last.m))
    return info.changes
  })()
}

/** Removes a line's old text from the index when it was already indexed (edits, deletions). */
export function unindex(db: Db, rowid: number, oldText: string): void {
  if (rowid > indexedUpTo(db)) return
  stmt(db, `INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', ?, ?)`).run(rowid, oldText)
}

export function reindex(db: Db, rowid: number, text: string): void {
  if (rowid > indexedUpTo(db)) return
  stmt(db, 'INSERT INTO messages_fts (rowid, text) VALUES (?, ?)').run(rowid, text)
}

export function startFtsIndexer(db: Db, log: EventLog, delayMs = 250): () => void {
  let timer: NodeJS.Timeout | undefined
  const unsubscribe = log.onCommit(() => {
    if (timer) return
    timer = setTimeout(() => {
      timer = undefined
      try {
        indexPending(db)
      } catch (err) {
        console.error('[fts] indexing failed; search will catch up on its next query', err)
      }
    }, delayMs)
  })
  return () => {
    unsubscribe()
    if (timer) clearTimeout(timer)
  }
}
