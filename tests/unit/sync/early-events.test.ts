import { describe, expect, it } from 'vitest'
import type { Incident } from '../../../src/shared/domain'
import { rowToEvent } from '../../../src/main/core/log/event-log'
import { ACK_WAIT_MS, durableName } from '../../../src/main/core/sync/durable-consumer'
import { teamKey, toWire } from '../../../src/main/core/sync/wire'
import { call, incidentInput, makeCore, type TestCore } from '../core/make-core'
import { hasNatsServer, natsRig, until, workstation } from './team'

const rig = natsRig()

const count = (t: TestCore, id: string): number => (t.core.db.prepare('SELECT count(*) AS n FROM events WHERE incident_id = ?').get(id) as { n: number }).n
const heads = (t: TestCore, id: string): unknown[] => t.core.db.prepare('SELECT chain, hash, length FROM chain_heads WHERE chain LIKE ? ORDER BY chain').all(`${id}|%`)

describe.skipIf(!hasNatsServer)('events that arrive before the one they follow (as after a failover)', () => {
  // The stream gets a writer's events 2..1501 before event 1 (its fast publish failed and was sent
  // again later). Nak'd, the early ones filled the consumer's ack-pending window (1,000 by default)
  // and the server never delivered event 1: the cluster bench's stall.
  it('are kept until it lands, then all apply once, in chain order, and nothing stays unacked or kept', async () => {
    const nats = await rig.start()
    const b = await workstation(rig.cores, nats.url)
    const a = makeCore()
    rig.cores.push(a)
    const inc = await call<Incident>(a.core, 'incident:create', incidentInput)
    const actor = { id: 'user:ana', name: 'Ana' }
    a.core.log.append(Array.from({ length: 1500 }, (_, i) => ({ type: 'message.posted' as const, incidentId: inc.id, actor, payload: { text: `line ${i}`, via: 'app', at: Date.now() } })))
    const events = (a.core.db.prepare('SELECT * FROM events WHERE incident_id = ? ORDER BY seq').all(inc.id) as Parameters<typeof rowToEvent>[0][]).map(rowToEvent)
    expect(events.length).toBeGreaterThan(1500)
    const raw = await rig.connect()
    const js = raw.jetstream()
    const publish = (e: (typeof events)[number]) => js.publish(`soc.events.${inc.id}`, JSON.stringify(toWire(teamKey(undefined), e)), { msgID: e.id })
    await Promise.all(events.slice(1).map(publish))
    await new Promise((r) => setTimeout(r, 1_000))
    expect(count(b, inc.id)).toBe(0)
    await publish(events[0] as (typeof events)[number])

    await until(() => count(b, inc.id) === events.length, `B to apply all ${events.length} events`, 20_000)
    expect(heads(b, inc.id)).toEqual(heads(a, inc.id))
    const texts = (b.core.db.prepare(`SELECT text FROM messages WHERE incident_id = ? AND kind = 'chat' ORDER BY seq`).all(inc.id) as { text: string }[]).map((r) => r.text)
    expect(texts).toEqual(Array.from({ length: 1500 }, (_, i) => `line ${i}`))
    await until(async () => (await (await raw.jetstreamManager()).consumers.info('SOC_EVENTS', durableName(b.core.log.origin))).num_ack_pending === 0, 'B to ack every event')
    expect(b.core.db.prepare('SELECT count(*) FROM early_events').pluck().get()).toBe(0)
  }, 40_000)

  it('a durable consumer made by an earlier version (30 s ack wait, 1,000 ack-pending window) is brought up to date on start', async () => {
    const nats = await rig.start()
    const b = await workstation(rig.cores, nats.url)
    const raw = await rig.connect()
    const jsm = await raw.jetstreamManager()
    const consumer = durableName(b.core.log.origin)
    await jsm.consumers.update('SOC_EVENTS', consumer, { ack_wait: 30_000_000_000, max_ack_pending: 1_000 })
    await b.reopen()
    await until(() => b.core.sync.current(), 'sync to start again')
    await b.core.sync.current()?.ready()
    const config = (await jsm.consumers.info('SOC_EVENTS', consumer)).config
    expect([config.ack_wait, config.max_ack_pending]).toEqual([ACK_WAIT_MS * 1_000_000, -1])
  }, 20_000)
})
