import { applyEvent } from '../src/main/core/projections/apply'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { openDb } from '../src/main/core/db/open-db'
import { EventLog, type EventDraft } from '../src/main/core/log/event-log'
import { CheckpointService } from '../src/main/core/archive/checkpoint-service'
import { readPortableArchive, writePortableArchive } from '../src/main/core/archive/portable-archive'
import { verifyArchive } from '../src/main/core/archive/verify-archive'
import { exportEvidence } from '../src/main/core/export/evidence'
import { aesGcmCipher, Vault } from '../src/main/core/vault/vault'
import { figure } from './stats'

const EVENTS = 100_000

/**
 * Export of a 100k-event investigation as a portable `.virgil` file (sealed checkpoint, running
 * digests) and its verification from the file alone, against the JSON evidence export of the same
 * incident in the same run.
 */
export async function benchArchive(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'virgil-bench-archive-'))
  try {
    const db = openDb(join(dir, 'virgil.db'))
    const vault = new Vault(db, aesGcmCipher(randomBytes(32)))
    const key = vault.chainKey()
    const log = new EventLog(db, 'wsbench', key, applyEvent)
    const actor = { id: 'analyst:ana', name: 'Ana' }
    const t0 = Date.UTC(2026, 5, 1)
    log.appendOne({ type: 'incident.opened', incidentId: 'inc1', actor, payload: { number: 'INC0000001', title: 'Long night', description: 'bench', source: 'email', leader: 'Ana', members: [], impact: 'high', urgency: 'high', conditions: [], priority: 'P1', at: t0 } })
    for (let batch = 1; batch < EVENTS; batch += 5000) {
      const drafts: EventDraft[] = []
      for (let i = batch; i < Math.min(EVENTS, batch + 5000); i++) {
        drafts.push({ type: 'message.posted', incidentId: 'inc1', actor, payload: { text: `Checked proxy logs for host ${i}: beacon to 198.51.100.${i % 250} every 60 s.`, via: 'app', at: t0 + i * 1000 } })
      }
      log.append(drafts)
    }
    const checkpoints = new CheckpointService(db, log, vault, { dir: join(dir, 'checkpoints') })
    checkpoints.take()

    let t = performance.now()
    exportEvidence(db, log, key, 'inc1', 'bench')
    const json = performance.now() - t

    const file = join(dir, 'INC0000001.virgil')
    const cpu = process.cpuUsage()
    t = performance.now()
    const cp = checkpoints.sealIncident('inc1')
    const { events } = writePortableArchive(db, 'inc1', cp, { incident_id: 'inc1', number: 'INC0000001' }, [], file)
    const exportMs = performance.now() - t
    t = performance.now()
    const result = verifyArchive(readPortableArchive(file))
    const verifyMs = performance.now() - t
    const used = process.cpuUsage(cpu)
    if (!result.ok) throw new Error(`the bench archive does not verify: ${result.headline}`)
    figure('archive events', events, `events (${(statSync(file).size / 1e6).toFixed(1)} MB file)`)
    figure('archive export', exportMs, 'ms')
    figure('archive verify from the file', verifyMs, 'ms')
    figure('archive export + verify', exportMs + verifyMs, 'ms (target <= 5000)')
    figure('archive export + verify, CPU time', (used.user + used.system) / 1000, 'ms')
    figure('evidence JSON export baseline', json, 'ms')
    figure('archive export + verify / JSON export', (exportMs + verifyMs) / json, 'ratio')
    db.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
