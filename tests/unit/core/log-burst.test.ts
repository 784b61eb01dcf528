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
