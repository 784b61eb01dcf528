import { applyEvent } from '../../../src/main/core/projections/apply'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { digestBody, foldBody, foldDigest, DIGEST_GENESIS, type EventText } from '../../../src/main/core/archive/chain-digest'
import { ChainFolder } from '../../../src/main/core/archive/checkpoint'
import { openDb, type Db } from '../../../src/main/core/db/open-db'
import { EventLog, rowToEvent } from '../../../src/main/core/log/event-log'

/**
 * The export and the verifier fold digests from the stored text without parsing payloads; that is
 * only sound if it gives what folding the parsed event gives, for everything the log writes.
 */
let dir: string
let db: Db
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

function openLog(): EventLog {
  dir = mkdtempSync(join(tmpdir(), 'virgil-digest-'))
  db = openDb(join(dir, 'virgil.db'))
  return new EventLog(db, 'wsA', randomBytes(32), applyEvent)
}

const rows = (): (EventText & { seq: number })[] => db.prepare('SELECT * FROM events ORDER BY seq').all() as (EventText & { seq: number })[]

describe('the chain digest from stored text', () => {
  it('equals the digest of the parsed event, for awkward payloads and a global event', () => {
    const log = openLog()
    const actor = { id: 'analyst:zoë', name: 'Zoë "Z" Ösström' }
    log.appendOne({ type: 'incident.opened', incidentId: 'inc1', actor, payload: { number: 'INC1', title: 'Ünïcode ✓ \u2028 "quotes" \\ back', description: 'line\nnext\ttab', source: 'email', leader: 'Zoë', members: ['b', 'a'], impact: 'high', urgency: 'low', conditions: [], priority: 'P1', at: 1.5e12 } })
    log.appendOne({ type: 'message.posted', incidentId: 'inc1', actor, payload: { text: 'emoji 🛡️, lone \ud800 surrogate, -0 and 1e21', via: 'app', at: 1.5e12 + 1 } })
    log.appendOne({ type: 'settings.changed', incidentId: null, actor, payload: { section: 'sla', value: { z: { b: 1, a: [3, { y: null, x: true }] }, n: 1e21 } } })
    const actors = new Map<string, string>()
    let checked = 0
    for (const r of rows()) {
      const body = digestBody(r, actors)
      expect(foldBody(DIGEST_GENESIS, body)).toBe(foldDigest(DIGEST_GENESIS, rowToEvent(r)))
      checked++
    }
    expect(checked).toBe(3)
  })

  it('folds a chain to the same seals either way, and an edited payload to a different one', () => {
    const log = openLog()
    const actor = { id: 'analyst:ana', name: 'Ana' }
    log.appendOne({ type: 'incident.opened', incidentId: 'inc1', actor, payload: { number: 'INC1', title: 't', description: '', source: 'email', leader: 'Ana', members: [], impact: 'low', urgency: 'low', conditions: [], priority: 'P3', at: 1 } })
    for (let i = 0; i < 20; i++) log.appendOne({ type: 'message.posted', incidentId: 'inc1', actor, payload: { text: `line ${i}`, via: 'app', at: 2 + i } })
    const byText = new ChainFolder()
    const byEvent = new ChainFolder()
    for (const r of rows()) expect(byText.addText(r).digest).toBe(byEvent.add(rowToEvent(r)).digest)
    const edited = new ChainFolder()
    for (const r of rows()) edited.addText(r.seq === 5 ? { ...r, payload: r.payload.replace('line', 'LINE') } : r)
    expect([...edited.seals.values()][0]?.digest).not.toBe([...byText.seals.values()][0]?.digest)
  })
})
