import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { createCore } from '../src/main/app'
import { openDb } from '../src/main/core/db/open-db'
import { EventLog } from '../src/main/core/log/event-log'
import { applyEvent } from '../src/main/core/projections/apply'
import { indexSearchPending } from '../src/main/core/search/search-index'
import { applyBatch } from '../src/main/core/sync/apply-batch'
import { EarlyEvents } from '../src/main/core/sync/early-events'
import { SubjectRouter } from '../src/main/core/sync/subjects'
import { teamKey, toWire } from '../src/main/core/sync/wire'
import { aesGcmCipher } from '../src/main/core/vault/vault'
import { catchUpWrites } from './catch-up-writer'
import { figure } from './stats'

const COUNT = Number(process.env.SYNC_APPLY_COUNT ?? 30_000)
const BURST = Number(process.env.SYNC_APPLY_BURST ?? 4000)
const SPACE = { stream: 'SOC_EVENTS', subjectPrefix: 'soc.events', restrictedPrefix: 'soc.restricted' }
const cpuMs = (from: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(from)
  return (u.user + u.system) / 1000
}

/**
 * The apply path of a catch-up without NATS: wire bodies written by a real writer, applied by a
 * real core in bursts of 4,000 as the consumer hands them over. Baseline: JSON.parse of the same
 * bodies in the same run. For quick iterations and profiles (`node --cpu-prof`); the figure
 * is `npm run bench -- sync`.
 */
export async function benchSyncApply(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'virgil-bench-apply-'))
  try {
    const writer = new EventLog(openDb(join(dir, 'w.db')), 'wswriter', randomBytes(32), applyEvent)
    const key = teamKey(null)
    const bodies: { subject: string; data: Uint8Array }[] = []
    for (const events of catchUpWrites(writer, COUNT)) {
      for (const e of events) bodies.push({ subject: `soc.events.${e.incidentId}`, data: Buffer.from(JSON.stringify(toWire(key, e))) })
    }
    let t0 = performance.now()
    let cpu0 = process.cpuUsage()
    for (const b of bodies) JSON.parse(Buffer.from(b.data).toString('utf8'))
    const parseMs = performance.now() - t0
    const parseCpu = cpuMs(cpu0)

    const core = createCore({ dataDir: join(dir, 'b'), cipher: aesGcmCipher(randomBytes(32)), mode: 'serve', version: 'bench', checkpointDir: join(dir, 'cp') })
    const router = new SubjectRouter(core.db, core.log, SPACE)
    const deps = { db: core.db, log: core.log, router, key, now: Date.now, early: new EarlyEvents(core.db) }
    let applied = 0
    t0 = performance.now()
    cpu0 = process.cpuUsage()
    for (let i = 0; i < bodies.length; i += BURST) {
      applied += applyBatch(deps, bodies.slice(i, i + BURST)).applied
      await new Promise((r) => setImmediate(r))
    }
    const applyMs = performance.now() - t0
    const applyCpu = cpuMs(cpu0)
    indexSearchPending(core.db)
    const indexedMs = performance.now() - t0
    const indexedCpu = cpuMs(cpu0)
    // The indexer ran between bursts above; its cost alone: every line indexed again in one pass.
    core.db.exec(`DELETE FROM search_docs; INSERT INTO search_fts (search_fts) VALUES ('delete-all'); DELETE FROM search_lines; DELETE FROM search_time_spans; DELETE FROM meta WHERE key = 'search_seq'`)
    cpu0 = process.cpuUsage()
    const lines = indexSearchPending(core.db)
    figure(`sync-apply search indexing of ${lines} lines in one pass CPU`, cpuMs(cpu0), 'ms')
    if (applied !== bodies.length) throw new Error(`applied ${applied} of ${bodies.length}`)
    router.close()
    await core.close()
    figure(`sync-apply JSON.parse of ${COUNT} bodies CPU`, parseCpu, 'ms')
    figure(`sync-apply applied ${COUNT} events wall`, applyMs, 'ms')
    figure(`sync-apply applied ${COUNT} events CPU`, applyCpu, 'ms')
    figure(`sync-apply applied + indexed CPU`, indexedCpu, 'ms')
    figure(`sync-apply applied + indexed wall`, indexedMs, 'ms')
    figure('sync-apply CPU per event', (indexedCpu * 1000) / COUNT, 'µs')
    figure('sync-apply CPU ratio to JSON.parse', indexedCpu / parseCpu, 'x')
    void parseMs
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
