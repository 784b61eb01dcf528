import { afterEach, describe, expect, it } from 'vitest'
import type { Incident } from '../../../src/shared/domain'
import { GENESIS, type LogEvent } from '../../../src/main/core/log/event'
import { listQuarantine } from '../../../src/main/core/log/quarantine'
import { applyBatch, type ApplyDeps } from '../../../src/main/core/sync/apply-batch'
import { EarlyEvents, type WireItem } from '../../../src/main/core/sync/early-events'
import { SubjectRouter } from '../../../src/main/core/sync/subjects'
import { EARLY_NOTICE_MS, SyncStatus } from '../../../src/main/core/sync/sync-status'
import { teamKey, toWire } from '../../../src/main/core/sync/wire'
import { call, incidentInput, makeCore, type TestCore } from '../core/make-core'

let t: TestCore | undefined
let router: SubjectRouter | undefined
afterEach(async () => {
  router?.close()
  await t?.dispose()
  t = undefined
})

const key = teamKey(undefined)

/** A remote writer's lines on one incident, each linked to the one before, as the wire carries them. */
function wireChain(incidentId: string, texts: string[]): WireItem[] {
  let prevHash = GENESIS
  return texts.map((text, i) => {
    const hash = String(i + 1).repeat(64)
    const e: LogEvent = { id: `01WIRE${String(i).padStart(20, '0')}`, origin: 'wsremote', hlc: `${Date.now()}-000${i}-wsremote`, type: 'message.posted', incidentId, actor: { id: 'analyst:bo', name: 'Bo' }, payload: { text, via: 'app' }, prevHash, hash }
    prevHash = hash
    return { subject: `soc.events.${incidentId}`, data: Buffer.from(JSON.stringify(toWire(key, e))) }
  })
}

async function setUp(): Promise<{ deps: ApplyDeps; inc: Incident; lines: () => unknown[] }> {
  t = makeCore()
  const inc = await call<Incident>(t.core, 'incident:create', incidentInput)
  router = new SubjectRouter(t.core.db, t.core.log, { stream: 'SOC_EVENTS', subjectPrefix: 'soc.events', restrictedPrefix: 'soc.restricted' })
  const deps = { db: t.core.db, log: t.core.log, router, key, now: Date.now, early: new EarlyEvents(t.core.db) }
  const lines = () => t!.core.db.prepare(`SELECT text FROM messages WHERE incident_id = ? AND kind = 'chat' ORDER BY seq`).pluck().all(inc.id)
  return { deps, inc, lines }
}

describe('a burst from the wire', () => {
  it('with one event that cannot be applied is applied again around it: that one quarantined, the chain moves on', async () => {
    const { deps, inc, lines } = await setUp()
    t!.core.db.exec(`CREATE TRIGGER refuse_line BEFORE INSERT ON messages WHEN NEW.text = 'x' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`)
    const result = applyBatch(deps, wireChain(inc.id, ['a', 'x', 'b']))
    expect(result).toEqual({ ok: true, applied: 2, quarantined: 1, kept: 0, moved: new Set([`${inc.id}|wsremote`]) })
    expect(lines()).toEqual(['a', 'b'])
  })

  it('keeps early events in the file, applies them when their predecessor lands, also after a restart', async () => {
    const { deps, inc, lines } = await setUp()
    const [a, b, c] = wireChain(inc.id, ['a', 'b', 'c'])
    // b and c come first (a is still on its way after a failover).
    expect(applyBatch(deps, [c!, b!])).toMatchObject({ ok: true, applied: 0, kept: 2 })
    expect(t!.core.db.prepare('SELECT count(*) FROM early_events').pluck().get()).toBe(2)
    // The same copies delivered again are not kept twice.
    expect(applyBatch(deps, [b!])).toMatchObject({ kept: 1 })
    expect(t!.core.db.prepare('SELECT count(*) FROM early_events').pluck().get()).toBe(2)
    // A restart: the store is read back from the file.
    const early = new EarlyEvents(t!.core.db)
    expect(early.waiting()).toEqual([`${inc.id}|wsremote`])
    const landed = applyBatch({ ...deps, early }, [a!])
    expect(landed).toMatchObject({ ok: true, applied: 1 })
    // As the consume loop does: release what waits on the chains that moved until nothing more moves.
    let moved = landed.moved
    for (let pass = 0; pass < 5 && moved.size; pass++) moved = applyBatch({ ...deps, early }, early.takeFor(moved)).moved
    expect(lines()).toEqual(['a', 'b', 'c'])
    expect(t!.core.db.prepare('SELECT count(*) FROM early_events').pluck().get()).toBe(0)
  })

  it('that cannot be written at all reports it, writes nothing, and keeps nothing early', async () => {
    const { deps, inc, lines } = await setUp()
    const [a, b, c] = wireChain(inc.id, ['a', 'b', 'c'])
    t!.core.db.exec(`CREATE TRIGGER full_disk BEFORE INSERT ON chain_heads BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`)
    expect(applyBatch(deps, [a!, c!, b!])).toMatchObject({ ok: false, applied: 0 })
    expect(lines()).toEqual([])
    expect(t!.core.db.prepare('SELECT count(*) FROM early_events').pluck().get()).toBe(0)
    expect(listQuarantine(t!.core.db)).toEqual([])
  })

  it('events that wait long for an earlier one are named in the sync pill until it lands', async () => {
    const { deps, inc, lines } = await setUp()
    const [a, b] = wireChain(inc.id, ['a', 'b'])
    let clock = Date.now()
    const reported: string[] = []
    const status = new SyncStatus(deps.db, (_service, state, detail) => reported.push(`${state}: ${detail}`), () => clock)
    try {
      status.watchEarly(() => deps.early.oldest('soc.events.'))
      applyBatch({ ...deps, now: () => clock }, [b!])
      status.refresh()
      expect(reported.at(-1)).toBe('ok: connected')
      clock += EARLY_NOTICE_MS
      status.refresh()
      expect(reported.at(-1)).toMatch(/^degraded: connected, but 1 event from the team wait since \d\d:\d\d for an earlier one their writer has not sent yet$/)
      // Restricted here, the incident's open subject carries only restriction notices, which can follow
      // events this workstation is never given: those are not counted.
      deps.db.prepare(`UPDATE incidents SET restricted_groups = '["insider"]' WHERE id = ?`).run(inc.id)
      status.refresh()
      expect(reported.at(-1)).toBe('ok: connected')
      deps.db.prepare(`UPDATE incidents SET restricted_groups = '[]' WHERE id = ?`).run(inc.id)
      const landed = applyBatch(deps, [a!])
      applyBatch(deps, deps.early.takeFor(landed.moved))
      expect(lines()).toEqual(['a', 'b'])
      status.refresh()
      expect(reported.at(-1)).toBe('ok: connected')
    } finally {
      status.close()
    }
  })
})
