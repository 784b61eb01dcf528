import { afterEach, describe, expect, it } from 'vitest'
import type { Incident } from '../../../src/shared/domain'
import { GENESIS, type LogEvent } from '../../../src/main/core/log/event'
import { encodeHlc, HybridClock } from '../../../src/main/core/log/hlc'
import { listQuarantine } from '../../../src/main/core/log/quarantine'
import { call, incidentInput, makeCore, type TestCore } from './make-core'

let t: TestCore | undefined
afterEach(async () => {
  await t?.dispose()
  t = undefined
})

/** A writer's chain of replicated events, each linked to the one before. */
function chainOf(drafts: Partial<LogEvent>[]): LogEvent[] {
  let prevHash = GENESIS
  return drafts.map((over, i) => {
    const hash = String(i + 1).repeat(64).slice(0, 64)
    const e: LogEvent = {
      id: `01BURST${String(i).padStart(19, '0')}`,
      origin: 'wsremote',
      hlc: `${Date.now()}-000${i}-wsremote`,
      type: 'message.posted',
      incidentId: null,
      actor: { id: 'analyst:bo', name: 'Bo' },
      payload: { text: `line ${i}`, via: 'app' },
      prevHash,
      hash,
      ...over
    }
    prevHash = hash
    return e
  })
}

describe('a burst of replicated events', () => {
  it('applies them in one commit and tells listeners once', async () => {
    t = makeCore()
    const inc = await call<Incident>(t.core, 'incident:create', incidentInput)
    const events = chainOf([0, 1, 2].map(() => ({ incidentId: inc.id })))
    const told: string[][] = []
    t.core.log.onCommit((es) => told.push(es.map((e) => e.id)))
    expect(t.core.log.burst(() => events.map((e) => t!.core.log.ingest(e)))).toEqual(['applied', 'applied', 'applied'])
    expect(told).toEqual([events.map((e) => e.id)])
    const counted = t.core.db.prepare('SELECT message_count AS n FROM incidents WHERE id = ?').get(inc.id) as { n: number }
    expect(counted.n).toBe(4) // the opening line and three
  })

  it('one event whose projection fails is quarantined alone; the burst is applied again around it', async () => {
    t = makeCore()
    const inc = await call<Incident>(t.core, 'incident:create', incidentInput)
    // The second one's room line is refused after its event row was written: that row must not stay.
    const events = chainOf([{ incidentId: inc.id }, { incidentId: inc.id, payload: { text: 'x', via: 'app' } }, { incidentId: inc.id }])
    t.core.db.exec(`CREATE TRIGGER refuse_line BEFORE INSERT ON messages WHEN NEW.text = 'x' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`)
    const told: string[][] = []
    t.core.log.onCommit((es) => told.push(es.map((e) => e.id)))
    const outcomes = t.core.log.burst(() => events.map((e) => t!.core.log.ingest(e)))
    expect(outcomes).toEqual(['applied', 'quarantined', 'applied'])
    expect(told).toEqual([[events[0]!.id, events[2]!.id]])
    const stored = t.core.db.prepare(`SELECT id FROM events WHERE origin = 'wsremote' ORDER BY seq`).pluck().all()
    expect(stored).toEqual([events[0]!.id, events[2]!.id])
    expect(listQuarantine(t.core.db).map((q) => [q.eventId, q.reason])).toEqual([[events[1]!.id, expect.stringMatching(/could not be applied \(refused by the test\)/)]])
  })
})

describe('what a burst writes once when it ends', () => {
  const state = (c: TestCore): unknown => ({
    heads: c.core.db.prepare(`SELECT chain, hash, length FROM chain_heads WHERE chain LIKE '%wsremote%' ORDER BY chain`).all(),
    rooms: c.core.db.prepare('SELECT id, message_count, updated_at FROM incidents ORDER BY id').all()
  })

  it('leaves chain heads, line counts and last activity as applying one event at a time does', async () => {
    const cores = [makeCore(), makeCore()] as const
    try {
      const incidents = await Promise.all(cores.map((c) => call<Incident>(c.core, 'incident:create', incidentInput)))
      const at = Date.now() + 60_000
      // Two writers' chains on one incident, the second writer's lines later; an update that adds a line too.
      const bo = chainOf([0, 1, 2, 3].map((i) => ({ payload: { text: `bo ${i}`, via: 'app', at: at + i } })))
      const cy = chainOf([0, 1, 2].map((i) => ({ origin: 'wsremote2', id: `01CY${String(i).padStart(22, '0')}`, payload: { text: `cy ${i}`, via: 'app', at: at + 100 + i } })))
      const forCore = (k: number): LogEvent[] => [...bo, ...cy].map((e) => ({ ...e, incidentId: incidents[k]!.id, id: `${e.id.slice(0, 20)}${k}${e.id.slice(21)}` }))
      const oneByOne = forCore(0).map((e) => cores[0].core.log.ingest(e))
      const burst = cores[1].core.log.burst(() => forCore(1).map((e) => cores[1].core.log.ingest(e)))
      expect(oneByOne).toEqual(Array(7).fill('applied'))
      expect(burst).toEqual(oneByOne)
      const strip = (v: unknown): string => JSON.stringify(v).replaceAll(incidents[0]!.id, 'INC').replaceAll(incidents[1]!.id, 'INC')
      expect(strip(state(cores[1]))).toBe(strip(state(cores[0])))
      const room = cores[1].core.db.prepare('SELECT message_count AS n, updated_at AS at FROM incidents').get() as { n: number; at: number }
      expect(room).toEqual({ n: 8, at: at + 102 })
      const heads = cores[1].core.db.prepare(`SELECT length FROM chain_heads WHERE chain LIKE '%wsremote%' ORDER BY chain`).pluck().all()
      expect(heads).toEqual([4, 3])
    } finally {
      await Promise.all(cores.map((c) => c.dispose()))
    }
  })

  it('a burst rolled back leaves the heads as they were, and the next one reads them from the log', async () => {
    t = makeCore()
    const inc = await call<Incident>(t.core, 'incident:create', incidentInput)
    const events = chainOf([0, 1, 2].map(() => ({ incidentId: inc.id })))
    expect(() => t!.core.log.burst(() => {
      t!.core.log.ingest(events[0]!)
      throw new Error('the connection went away')
    })).toThrow(/went away/)
    expect(t.core.db.prepare(`SELECT count(*) FROM chain_heads WHERE chain LIKE '%wsremote%'`).pluck().get()).toBe(0)
    expect(t.core.log.burst(() => events.map((e) => t!.core.log.ingest(e)))).toEqual(['applied', 'applied', 'applied'])
    expect(t.core.log.burst(() => events.map((e) => t!.core.log.ingest(e)))).toEqual(['duplicate', 'duplicate', 'duplicate'])
  })

  it('an event that continues its chain under an id the log already holds is quarantined, not taken for a copy', async () => {
    t = makeCore()
    const inc = await call<Incident>(t.core, 'incident:create', incidentInput)
    const [first, second] = chainOf([0, 1].map(() => ({ incidentId: inc.id })))
    const reused = { ...second!, id: first!.id }
    expect(t.core.log.burst(() => [first!, reused].map((e) => t!.core.log.ingest(e)))).toEqual(['applied', 'quarantined'])
    expect(listQuarantine(t.core.db).map((q) => q.reason)).toEqual([expect.stringMatching(/could not be applied \(UNIQUE constraint failed: events.id\)/)])
  })
})

describe('the hybrid clock', () => {
  it('stamps local events after every remote stamp it observed, in its own fixed width or not', () => {
    const clock = new HybridClock('wshere', () => 1_000)
    clock.observe(encodeHlc({ wall: 5_000, counter: 7 }, 'wsthere'))
    expect(clock.tick()).toBe(encodeHlc({ wall: 5_000, counter: 9 }, 'wshere'))
    clock.observe('9000-3-ws-with-dashes')
    expect(clock.tick()).toBe(encodeHlc({ wall: 9_000, counter: 5 }, 'wshere'))
    clock.observe(encodeHlc({ wall: 9_000, counter: 1_234_567 }, 'wsbusy'))
    expect(clock.tick()).toBe(encodeHlc({ wall: 9_000, counter: 1_234_569 }, 'wshere'))
  })
})
