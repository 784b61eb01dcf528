import { describe, expect, it } from 'vitest'
import type { Incident, Message } from '../../../src/shared/domain'
import { rowToEvent } from '../../../src/main/core/log/event-log'
import { verifyLog } from '../../../src/main/core/log/verify'
import { listQuarantine } from '../../../src/main/core/log/quarantine'
import { teamKey, toWire } from '../../../src/main/core/sync/wire'
import { Vault, aesGcmCipher } from '../../../src/main/core/vault/vault'
import { call, incidentInput, makeCore, type TestCore } from '../core/make-core'
import { hasNatsServer, natsRig, until, workstation } from './team'
import { durableName } from '../../../src/main/core/sync/durable-consumer'

const rig = natsRig()

const texts = async (t: TestCore, id: string): Promise<string[]> =>
  (await call<{ items: Message[] }>(t.core, 'timeline:get', { incidentId: id })).items.map((m) => m.text)

describe.skipIf(!hasNatsServer)('bad input from the wire is quarantined, never applied, never stalls (real nats-server)', () => {
  it('garbage, an unknown type, a wrong payload and a wrong hash are held with the reason; the writer\'s later events still apply', async () => {
    const nats = await rig.start()
    const b = await workstation(rig.cores, nats.url)
    // A writer whose events we forge on the wire: a real core that is not connected.
    const a = makeCore()
    rig.cores.push(a)
    const inc = await call<Incident>(a.core, 'incident:create', incidentInput)
    await call(a.core, 'chat:send', { incidentId: inc.id, text: 'first' })
    await call(a.core, 'chat:send', { incidentId: inc.id, text: 'will be tampered' })
    await call(a.core, 'chat:send', { incidentId: inc.id, text: 'will have a wrong payload' })
    await call(a.core, 'chat:send', { incidentId: inc.id, text: 'after the bad ones' })
    const events = a.core.log.eventsFor(inc.id).map(({ seq: _s, ...e }) => e)
    const key = teamKey(null)
    const subject = `soc.events.${inc.id}`
    const raw = await rig.connect()
    const js = raw.jetstream()
    const send = (body: string | object, id: string) => js.publish(subject, typeof body === 'string' ? body : JSON.stringify(body), { msgID: id })
    await send('this is not json {', 'garbage-1')
    await send({ hello: 'world' }, 'garbage-2')
    // A forged sibling of the first event (same link, another hash): held, and the real one still applies.
    await send(toWire(key, { ...(events[0] as (typeof events)[0]), id: '01UNKNOWNTYPE', type: 'incident.teleported', hash: 'f'.repeat(64) }), 'unknown-1')
    for (const e of events) {
      const wire = toWire(key, e)
      if (e.payload.text === 'will be tampered') wire.payload = { ...wire.payload, text: 'tampered on the way' }
      if (e.payload.text === 'will have a wrong payload') {
        e.payload = { text: 42 }
        wire.payload = e.payload
        wire.mac = toWire(key, e).mac
      }
      await send(wire, e.id)
    }
    await until(async () => (await texts(b, inc.id).catch((): string[] => [])).includes('after the bad ones'), 'the writer\'s later events to apply', 15_000)
    const shown = await texts(b, inc.id)
    expect(shown).toContain('first')
    expect(shown.join('\n')).not.toMatch(/tampered|wrong payload|\b42\b/)
    const held = listQuarantine(b.core.db)
    const reasons = held.map((q) => q.reason).join('\n')
    expect(held).toHaveLength(5)
    expect(reasons).toMatch(/not JSON/)
    expect(reasons).toMatch(/not a Virgil event/)
    expect(reasons).toMatch(/"incident.teleported" is not an event type/)
    expect(reasons).toMatch(/its content does not match its hash/)
    expect(reasons).toMatch(/message.posted payload does not fit: text/)
    // Nothing quarantined reached the events table; the chain still verifies (it steps over held events).
    const stored = (b.core.db.prepare('SELECT * FROM events WHERE incident_id = ?').all(inc.id) as Parameters<typeof rowToEvent>[0][]).map(rowToEvent)
    expect(stored.map((e) => e.payload.text).filter(Boolean)).toEqual(['first', 'after the bad ones'])
    const report = verifyLog(b.core.db, new Vault(b.core.db, aesGcmCipher(b.key)).chainKey())
    expect(report.problems).toEqual([])
    // The consumer did not stall: a new event still flows.
    await send(toWire(key, { ...(events[0] as (typeof events)[0]) }), 'redelivered-dup')
    const consumer = await (await raw.jetstreamManager()).consumers.info('SOC_EVENTS', durableName(b.core.log.origin))
    await until(async () => (await (await raw.jetstreamManager()).consumers.info('SOC_EVENTS', consumer.name)).num_ack_pending === 0, 'nothing left unacked')
  }, 40_000)
})
