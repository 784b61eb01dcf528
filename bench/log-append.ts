import { applyEvent } from '../src/main/core/projections/apply'
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { openDb } from '../src/main/core/db/open-db'
import { EventLog } from '../src/main/core/log/event-log'
import { indexSearchPending } from '../src/main/core/search/search-index'
import { figure, summarize } from './stats'

const N = 3000
const ROUNDS = 5

/**
 * Appending a chat line to the log (event + chain hash + projections + FTS, one transaction,
 * synchronous=FULL) against a raw better-sqlite3 insert of the same payload in the same run.
 */
export async function benchLogAppend(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'virgil-bench-log-'))
  try {
    const raw = new Database(join(dir, 'raw.db'))
    raw.pragma('journal_mode = WAL')
    raw.pragma('synchronous = FULL')
    raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)')
    const insert = raw.prepare('INSERT INTO t (payload) VALUES (?)')
    const db = openDb(join(dir, 'virgil.db'))
    const log = new EventLog(db, 'wsbench', randomBytes(32), applyEvent)
    const actor = { id: 'a', name: 'Ana' }
    log.appendOne({ type: 'incident.opened', incidentId: 'inc1', actor, payload: { number: 'INC0000001', title: 'bench', description: '', source: 'email', leader: 'Ana', impact: 'low', urgency: 'low', priority: 'P5' } })
    const text = 'Checked the proxy logs for 203.0.113.7: 14 hits from finance-lt-042 between 02:10 and 02:55 UTC.'
    const rawTimes: number[] = []
    const logTimes: number[] = []
    let rawTotal = 0
    let logTotal = 0
    const roundRatios: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      // Interleave the two in one process so a noisy neighbour hits both alike.
      let t0 = performance.now()
      for (let i = 0; i < N; i++) {
        const s = performance.now()
        insert.run(JSON.stringify({ text, i }))
        rawTimes.push(performance.now() - s)
      }
      const rawRound = performance.now() - t0
      rawTotal += rawRound
      t0 = performance.now()
      for (let i = 0; i < N; i++) {
        const s = performance.now()
        log.appendOne({ type: 'message.posted', incidentId: 'inc1', actor, payload: { text, via: 'app', at: Date.now() } })
        logTimes.push(performance.now() - s)
        // The full-text index is written in batches behind the log; count that work here too.
        if (i % 100 === 99) indexSearchPending(db)
      }
      const logRound = performance.now() - t0
      logTotal += logRound
      roundRatios.push(rawRound / logRound)
    }
    const rawRate = (N * ROUNDS) / (rawTotal / 1000)
    const logRate = (N * ROUNDS) / (logTotal / 1000)
    figure('log append rate', logRate, 'events/s')
    figure('raw insert rate', rawRate, 'rows/s')
    figure('log append / raw insert rate', logRate / rawRate, 'ratio (target >= 0.5)')
    figure('log append / raw insert rate, median round', summarize(roundRatios).p50, 'ratio')
    figure('log append p99', summarize(logTimes).p99, 'ms')
    figure('raw insert p99', summarize(rawTimes).p99, 'ms')
    raw.close()
    db.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
