import type { CommandOutput } from '../../../shared/command-output'
import type { Db } from '../db/open-db'
import { stmt } from '../db/statements'
import type { EventLog } from '../log/event-log'
import { outputText } from './output-text'
import { forgetLine, noteLine, noteLines } from './search-lines'
import { createLogger } from '../logger'

const logger = createLogger('search')

const WATERMARK = 'search_seq'
const CHANGING_EVENTS = ['message.edited', 'message.deleted', 'message.marked', 'command.finished', 'command.confirmed']

interface DocRow {
  rowid: number
  kind: string
  text: string
  deleted: number
  mark: string | null
  incident_id: string
  at: number
  output: string | null
  line: string | null
}

/**
 * The search index is a subscriber of the log, kept just behind it: each line of a room becomes
 * one document (its text, and for a command its line and output), re-indexed when it changes.
 * Search catches up synchronously first, so it never misses a line.
 */
export function indexSearchPending(db: Db): number {
  return db.transaction(() => {
    const from = Number((stmt(db, `SELECT value FROM meta WHERE key = '${WATERMARK}'`).get() as { value: string } | undefined)?.value ?? 0)
    const last = (stmt(db, 'SELECT max(seq) AS m FROM events').get() as { m: number | null }).m ?? 0
    if (last <= from) return 0
    // New lines of every kind (chat, commands, system lines such as status changes and tickets)…
    const created = indexNewLines(db, from)
    const touched = new Set<string>()
    // …and older lines that an event changed (an edit, a mark, a command's output).
    const changes = stmt(db, `SELECT type, payload FROM events WHERE seq > ? AND type IN (${CHANGING_EVENTS.map((t) => `'${t}'`).join(', ')})`).all(from) as { type: string; payload: string }[]
    for (const e of changes) {
      const p = JSON.parse(e.payload) as { messageId?: string; runId?: string }
      if (p.messageId) touched.add(p.messageId)
      if (p.runId) {
        const m = stmt(db, 'SELECT id FROM messages WHERE run_id = ?').get(p.runId) as { id: string } | undefined
        if (m) touched.add(m.id)
      }
    }
    for (const id of touched) if (!created.indexed.has(id)) reindexMessage(db, id)
    stmt(db, `INSERT INTO meta (key, value) VALUES ('${WATERMARK}', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(String(last))
    return created.count + [...touched].filter((id) => !created.indexed.has(id)).length
  })()
}

/**
 * A line is written by its event, under the event's id and seq, so the new ones are reached from
 * the events' seq range (messages has no index on seq). Plain lines (no command run, not deleted),
 * nearly all of a catch-up, are indexed by a few statements over the whole range rather than six
 * per line; command lines, whose text joins their output, go one by one; deleted ones are not indexed.
 */
function indexNewLines(db: Db, from: number): { count: number; indexed: Set<string> } {
  const range = 'FROM events e CROSS JOIN messages m ON m.id = e.id WHERE e.seq > ?'
  // Lines of the range already indexed (the watermark was behind, e.g. reset): one by one, as before.
  if (stmt(db, `SELECT EXISTS (SELECT 1 FROM events e CROSS JOIN messages m ON m.id = e.id CROSS JOIN search_docs d ON d.message_id = m.id WHERE e.seq > ?)`).pluck().get(from)) {
    const all = stmt(db, `SELECT m.id ${range}`).pluck().all(from) as string[]
    for (const id of all) reindexMessage(db, id)
    return { count: all.length, indexed: new Set(all) }
  }
  const plain = `FROM events e CROSS JOIN messages m ON m.id = e.id WHERE e.seq > @from AND m.run_id IS NULL AND m.deleted = 0`
  const ids = stmt(db, `SELECT m.id ${plain}`).pluck().all({ from }) as string[]
  if (ids.length) {
    stmt(db, `INSERT INTO search_docs (rowid, message_id, incident_id, kind, at, body) SELECT m.rowid, m.id, m.incident_id, coalesce(m.mark, m.kind), m.at, m.text ${plain}`).run({ from })
    stmt(db, `INSERT INTO search_fts (rowid, body) SELECT m.rowid, m.text ${plain}`).run({ from })
    noteLines(db, `SELECT m.rowid AS line, m.incident_id AS incident_id, coalesce(m.mark, m.kind) AS kind, m.at AS at ${plain}`, { from })
  }
  const indexed = new Set(ids)
  const commands = stmt(db, `SELECT m.id ${range} AND m.run_id IS NOT NULL`).pluck().all(from) as string[]
  for (const id of commands) {
    reindexMessage(db, id)
    indexed.add(id)
  }
  return { count: indexed.size, indexed }
}

function reindexMessage(db: Db, messageId: string): void {
  const row = stmt(
    db,
    `SELECT m.rowid, m.kind, m.text, m.deleted, m.mark, m.incident_id, m.at, r.output, r.line
     FROM messages m LEFT JOIN command_runs r ON r.run_id = m.run_id WHERE m.id = ?`
  ).get(messageId) as DocRow | undefined
  const old = stmt(db, 'SELECT rowid, body FROM search_docs WHERE message_id = ?').get(messageId) as { rowid: number; body: string } | undefined
  if (old) {
    stmt(db, `INSERT INTO search_fts (search_fts, rowid, body) VALUES ('delete', ?, ?)`).run(old.rowid, old.body)
    stmt(db, 'DELETE FROM search_docs WHERE rowid = ?').run(old.rowid)
    forgetLine(db, old.rowid)
  }
  if (!row || row.deleted) return
  const output = row.output ? outputText(JSON.parse(row.output) as CommandOutput) : ''
  const body = [row.line ?? row.text, output].filter((s) => s !== '').join('\n')
  const kind = row.mark ?? (row.kind === 'command' ? 'command' : row.kind)
  stmt(db, 'INSERT INTO search_docs (rowid, message_id, incident_id, kind, at, body) VALUES (?, ?, ?, ?, ?, ?)').run(row.rowid, messageId, row.incident_id, kind, row.at, body)
  stmt(db, 'INSERT INTO search_fts (rowid, body) VALUES (?, ?)').run(row.rowid, body)
  noteLine(db, row.rowid, row.incident_id, kind, row.at)
}

/** A pass that found this many lines means a backlog (a catch-up): the next one waits longer. */
const BACKLOG_LINES = 1_000
const BACKLOG_DELAY_MS = 2_000

/**
 * Indexes new lines shortly after they commit. During a catch-up, passes are spaced so that each
 * indexes thousands of lines at once: FTS5 costs about twice as much per line in small passes.
 * A search indexes whatever is pending first (search-log.ts), so spacing never hides a line.
 */
export function startSearchIndexer(db: Db, log: EventLog, delayMs = 250): () => void {
  let timer: NodeJS.Timeout | undefined
  let delay = delayMs
  const unsubscribe = log.onCommit(() => {
    if (timer) return
    timer = setTimeout(() => {
      timer = undefined
      try {
        delay = indexSearchPending(db) >= BACKLOG_LINES ? BACKLOG_DELAY_MS : delayMs
      } catch (err) {
        logger.error('indexing failed; search will catch up on its next query', { error: err })
      }
    }, delay)
  })
  return () => {
    unsubscribe()
    if (timer) clearTimeout(timer)
  }
}
