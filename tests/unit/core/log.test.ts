import { afterEach, describe, expect, it } from 'vitest'
import { verifyLog } from '../../../src/main/core/log/verify'
import { Vault, aesGcmCipher } from '../../../src/main/core/vault/vault'
import { call, incidentInput, makeCore, type TestCore } from './make-core'
import type { Incident } from '../../../src/shared/domain'

let t: TestCore
afterEach(async () => t.dispose())

const chainKey = (tc: TestCore): Buffer => new Vault(tc.core.db, aesGcmCipher(tc.key)).chainKey()

describe('event log', () => {
  it('chains every event of an incident and verifies clean', async () => {
    t = makeCore()
    const inc = await call<Incident>(t.core, 'incident:create', incidentInput)
    await call(t.core, 'chat:send', { incidentId: inc.id, text: 'looking at the headers' })
    await call(t.core, 'incident:update', { id: inc.id, status: 'investigating' })
    const events = t.core.log.eventsFor(inc.id)
    expect(events.map((e) => e.type)).toEqual(['incident.opened', 'message.posted', 'incident.updated'])
    expect(events[1]?.prevHash).toBe(events[0]?.hash)
    expect((events[0]?.hlc ?? '') < (events[1]?.hlc ?? '')).toBe(true)
    expect(verifyLog(t.core.db, chainKey(t)).problems).toEqual([])
  })

  it('names the first edited event', async () => {
    t = makeCore()
    const inc = await call<Incident>(t.core, 'incident:create', incidentInput)
    await call(t.core, 'chat:send', { incidentId: inc.id, text: 'the attacker IP is 203.0.113.7' })
    await call(t.core, 'chat:send', { incidentId: inc.id, text: 'second line' })
    const target = t.core.log.eventsFor(inc.id)[1]
    t.core.db.prepare('UPDATE events SET payload = replace(payload, ?, ?) WHERE id = ?').run('203.0.113.7', '198.51.100.1', target?.id)
    const report = verifyLog(t.core.db, chainKey(t))
    expect(report.problems).toHaveLength(1)
    expect(report.problems[0]?.eventId).toBe(target?.id)
    expect(report.problems[0]?.reason).toMatch(/edited/)
  })

  it('notices events deleted from the end of a chain', async () => {
    t = makeCore()
    const inc = await call<Incident>(t.core, 'incident:create', incidentInput)
    await call(t.core, 'chat:send', { incidentId: inc.id, text: 'to be removed' })
    t.core.db.prepare('DELETE FROM events WHERE seq = (SELECT max(seq) FROM events)').run()
    expect(verifyLog(t.core.db, chainKey(t)).problems[0]?.reason).toMatch(/ends early/)
  })

  it('keeps everything across a restart', async () => {
    t = makeCore()
    const inc = await call<Incident>(t.core, 'incident:create', incidentInput)
    await call(t.core, 'chat:send', { incidentId: inc.id, text: 'persist me' })
    const core = await t.reopen()
    const timeline = await call<{ items: { text: string }[] }>(core, 'timeline:get', { incidentId: inc.id })
    expect(timeline.items.map((m) => m.text)).toContain('persist me')
    const next = await call<Incident>(core, 'incident:create', { ...incidentInput, title: 'Second one' })
    expect(next.number).toBe('INC0000002')
  })
})
