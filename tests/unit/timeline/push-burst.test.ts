import { afterEach, describe, expect, it } from 'vitest'
import type { EventName } from '../../../src/shared/contract'
import type { Incident } from '../../../src/shared/domain'
import type { EventDraft } from '../../../src/main/core/log/event-log'
import { COALESCE_LINES } from '../../../src/main/core/timeline/push'
import { call, incidentInput, makeCore, type TestCore } from '../core/make-core'

let t: TestCore | undefined
afterEach(async () => {
  await t?.dispose()
  t = undefined
})

function lines(incidentId: string, n: number): EventDraft[] {
  return Array.from({ length: n }, (_, i) => ({ type: 'message.posted', incidentId, actor: { id: 'user:ana', name: 'Ana' }, payload: { text: `line ${i}` } }))
}

describe('pushes to the open room when many lines land at once (catching up after an outage)', () => {
  it('sends one "fetch again" per room for a burst, every line for ordinary commits, and the incident change either way', async () => {
    t = makeCore()
    const a = await call<Incident>(t.core, 'incident:create', incidentInput)
    const b = await call<Incident>(t.core, 'incident:create', { ...incidentInput, title: 'Quiet room' })
    const seen: { event: EventName; id: string }[] = []
    t.core.bus.subscribe((event, payload) => {
      const p = payload as { incidentId?: string; id?: string }
      seen.push({ event, id: p.incidentId ?? p.id ?? '' })
    })

    // A catch-up burst spreads over many rooms: every room it touched fetches again, none line by line.
    t.core.log.append([...lines(a.id, COALESCE_LINES - 10), ...lines(b.id, 20)])
    expect(seen.filter((s) => s.event === 'timeline:stale').map((s) => s.id).sort()).toEqual([a.id, b.id].sort())
    expect(seen.filter((s) => s.event === 'message:added')).toHaveLength(0)
    expect(seen.filter((s) => s.event === 'incident:changed').map((s) => s.id).sort()).toEqual([a.id, b.id].sort())

    // What the room fetches then holds every line of the burst, newest last.
    const page = await call<{ items: { text: string }[] }>(t.core, 'timeline:get', { incidentId: a.id, limit: 500 })
    expect(page.items.at(-1)?.text).toBe(`line ${COALESCE_LINES - 11}`)

    seen.length = 0
    t.core.log.append(lines(a.id, COALESCE_LINES))
    expect(seen.filter((s) => s.event === 'message:added')).toHaveLength(COALESCE_LINES)
    expect(seen.some((s) => s.event === 'timeline:stale')).toBe(false)
  })
})
