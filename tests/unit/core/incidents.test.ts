import { afterEach, describe, expect, it } from 'vitest'
import type { Incident, Message } from '../../../src/shared/domain'
import { call, incidentInput, makeCore, type TestCore } from './make-core'

let t: TestCore
afterEach(async () => t.dispose())

describe('incidents', () => {
  it('numbers incidents and derives the ITIL priority', async () => {
    t = makeCore()
    const a = await call<Incident>(t.core, 'incident:create', incidentInput)
    expect(a).toMatchObject({ number: 'INC0000001', priority: 'P3', status: 'new', leader: 'Ana' })
    const b = await call<Incident>(t.core, 'incident:create', { ...incidentInput, conditions: ['vip', 'spreading'] })
    expect(b.number).toBe('INC0000002')
    expect(b.priority).toBe('P2')
  })

  it('refuses an incident without a leader, in words', async () => {
    t = makeCore()
    const r = await t.core.dispatch('incident:create', { ...incidentInput, leader: ' ' }, t.core.actor())
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/leader.*investigation leader/) })
  })

  it('records each change in the timeline and recomputes priority', async () => {
    t = makeCore()
    const inc = await call<Incident>(t.core, 'incident:create', incidentInput)
    const updated = await call<Incident>(t.core, 'incident:update', { id: inc.id, status: 'investigating', impact: 'high', urgency: 'high' })
    expect(updated.priority).toBe('P1')
    const { items } = await call<{ items: Message[] }>(t.core, 'timeline:get', { incidentId: inc.id })
    const line = items.at(-1)?.text ?? ''
    expect(line).toMatch(/status from new to investigating/)
    expect(line).toMatch(/priority from P3 to P1/)
  })

  it('an update that changes nothing writes nothing', async () => {
    t = makeCore()
    const inc = await call<Incident>(t.core, 'incident:create', incidentInput)
    await call(t.core, 'incident:update', { id: inc.id, leader: 'Ana' })
    expect(t.core.log.eventsFor(inc.id)).toHaveLength(1)
  })

  it('rejects unknown fields and unknown incidents', async () => {
    t = makeCore()
    const bad = await t.core.dispatch('incident:update', { id: 'nope', status: 'investigating', hacked: true }, t.core.actor())
    expect(bad.ok).toBe(false)
    const missing = await t.core.dispatch('incident:update', { id: 'nope', status: 'investigating' }, t.core.actor())
    expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND')
  })

  it('finds lines by full-text search', async () => {
    t = makeCore()
    const inc = await call<Incident>(t.core, 'incident:create', incidentInput)
    await call(t.core, 'chat:send', { incidentId: inc.id, text: 'Mimikatz found on the finance file server' })
    const { hits } = await call<{ hits: { number: string; snippet: string }[] }>(t.core, 'search:query', { query: 'mimika' })
    expect(hits[0]).toMatchObject({ number: 'INC0000001', snippet: expect.stringContaining('\u0002Mimikatz\u0003') })
    const odd = await call<{ hits: unknown[]; notice?: string }>(t.core, 'search:query', { query: '"unbalanced AND (' })
    expect(odd.notice).toMatch(/Searched for the words instead: a quote is not closed/)
  })
})

describe('closed incidents', () => {
  it('keep their record: no new lines until reopened', async () => {
    t = makeCore()
    const inc = await call<Incident>(t.core, 'incident:create', incidentInput)
    await call(t.core, 'incident:update', { id: inc.id, status: 'closed' })
    const refused = await t.core.dispatch('chat:send', { incidentId: inc.id, text: 'late note' }, t.core.actor())
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/INC0000001 is archived.*reopen it with a reason/) })
    const edit = await t.core.dispatch('incident:update', { id: inc.id, status: 'investigating' }, t.core.actor())
    expect(edit.ok ? null : edit.error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/archived and read-only/) })
    const reopened = await call<Incident>(t.core, 'incident:reopen', { id: inc.id, reason: 'The user clicked the link again' })
    expect(reopened.status).toBe('investigating')
    expect(reopened.closedAt).toBeUndefined()
    await call(t.core, 'chat:send', { incidentId: inc.id, text: 'late note' })
  })
})
