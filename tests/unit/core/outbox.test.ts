import { afterEach, describe, expect, it } from 'vitest'
import { VirgilError } from '../../../src/shared/errors'
import type { Incident, Message } from '../../../src/shared/domain'
import type { OutboxItem } from '../../../src/main/core/outbox/outbox-worker'
import type { OutboxKind } from '../../../src/main/core/log/events'
import { onFailure } from '../../../src/main/core/outbox/backoff'
import { call, incidentInput, makeCore, type TestCore } from './make-core'

let t: TestCore
// A kind and an event type outside the catalogue, so the test owns its handler and rows.
const TEST_KIND = 'Test.deliver' as OutboxKind
const TEST_EVENT = 'test.queued' as 'suggestion.outcome'
afterEach(async () => t.dispose())

function queue(tc: TestCore, incidentId: string, key: string, lane = 'lane-a'): void {
  tc.core.log.append([{ type: TEST_EVENT, incidentId, actor: { id: 't', name: 'T' }, payload: { key } }], () => [
    { key, kind: TEST_KIND, lane, incidentId, payload: { key } }
  ])
}

describe('outbox', () => {
  it('delivers in order per lane, once per key, and records the outcome', async () => {
    t = makeCore()
    const delivered: string[] = []
    t.core.outbox.register({
      kind: TEST_KIND,
      service: 'Test',
      describe: () => 'Test delivery',
      async deliver(item: OutboxItem) {
        delivered.push(String(item.payload.key))
        return { outcome: { ok: true } }
      }
    })
    const inc = await call<Incident>(t.core, 'incident:create', incidentInput)
    queue(t, inc.id, 'k1')
    queue(t, inc.id, 'k2')
    queue(t, inc.id, 'k1')
    await t.core.outbox.drain()
    expect(delivered).toEqual(['k1', 'k2'])
    const outcomes = t.core.log.eventsFor(inc.id).filter((e) => e.type === 'outbox.delivered')
    expect(outcomes).toHaveLength(2)
  })

  it('retries outages, parks what needs a human, and says so in the room once', async () => {
    t = makeCore()
    let calls = 0
    t.core.outbox.register({
      kind: TEST_KIND,
      service: 'Test',
      describe: () => 'Posting to Test',
      async deliver(item) {
        calls++
        if (item.payload.key === 'revoked') throw new VirgilError('UNAUTHORIZED', 'Test rejected the token (token_revoked).')
        if (calls < 3) throw new VirgilError('RATE_LIMITED', 'slow down', { retryAfterMs: 1 })
        return { outcome: {} }
      }
    })
    const inc = await call<Incident>(t.core, 'incident:create', incidentInput)
    queue(t, inc.id, 'flaky')
    await t.core.outbox.drain()
    expect(calls).toBe(3)
    queue(t, inc.id, 'revoked', 'lane-b')
    await t.core.outbox.drain()
    const row = t.core.db.prepare(`SELECT status FROM outbox WHERE key = 'revoked'`).get() as { status: string }
    expect(row.status).toBe('parked')
    const { items } = await call<{ items: Message[] }>(t.core, 'timeline:get', { incidentId: inc.id })
    const lines = items.filter((m) => m.kind === 'system').map((m) => m.text)
    expect(lines.filter((l) => l.includes('Posting to Test failed: slow down'))).toHaveLength(1)
    expect(lines.some((l) => l.includes('delivered after 3 attempts'))).toBe(true)
    expect(lines.some((l) => l.includes('token_revoked') && l.includes('on hold'))).toBe(true)
    expect(t.core.status.current()).toBeDefined()
  })

  it('backs off exponentially and honours Retry-After', () => {
    expect(onFailure({ code: 'RATE_LIMITED', message: '', retryAfterMs: 7000 }, 1)).toEqual({ kind: 'retry', delayMs: 7000 })
    expect(onFailure({ code: 'UNAVAILABLE', message: '' }, 4, () => 1)).toEqual({ kind: 'retry', delayMs: 8000 })
    expect(onFailure({ code: 'FORBIDDEN', message: '' }, 1)).toEqual({ kind: 'park' })
  })

  it('keeps queued items across a restart', async () => {
    t = makeCore()
    const inc = await call<Incident>(t.core, 'incident:create', incidentInput)
    queue(t, inc.id, 'survivor')
    const core = await t.reopen()
    const seen: string[] = []
    core.outbox.register({ kind: TEST_KIND, service: 'Test', describe: () => 'x', deliver: async (i) => (seen.push(i.key), { outcome: {} }) })
    await core.outbox.drain()
    expect(seen).toEqual(['survivor'])
  })
})
