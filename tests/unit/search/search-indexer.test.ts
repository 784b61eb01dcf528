import { afterEach, describe, expect, it } from 'vitest'
import type { Incident } from '../../../src/shared/domain'
import { searchLog } from '../../../src/main/core/search/search-log'
import { call, incidentInput, makeCore, type TestCore } from '../core/make-core'

let t: TestCore | undefined
afterEach(async () => {
  await t?.dispose()
  t = undefined
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('the search indexer during a catch-up', () => {
  it('spaces its passes after a large one, and a search still finds a line it has not indexed yet', async () => {
    t = makeCore()
    const inc = await call<Incident>(t.core, 'incident:create', incidentInput)
    const actor = { id: 'user:ana', name: 'Ana' }
    const line = (text: string) => ({ type: 'message.posted' as const, incidentId: inc.id, actor, payload: { text, via: 'app', at: Date.now() } })
    const indexed = (): number => t!.core.db.prepare('SELECT count(*) FROM search_docs').pluck().get() as number
    t.core.log.append(Array.from({ length: 1500 }, (_, i) => line(`backlog line ${i}`)))
    for (let i = 0; i < 100 && indexed() < 1500; i++) await sleep(50)
    expect(indexed()).toBeGreaterThanOrEqual(1500)

    t.core.log.append([line('needle beacon 198.51.100.7')])
    await sleep(600)
    const before = indexed()
    expect(t.core.db.prepare(`SELECT count(*) FROM search_docs WHERE body LIKE 'needle%'`).pluck().get()).toBe(0)
    expect(searchLog(t.core.db, 'needle', 10).hits.map((h) => h.snippet.replaceAll('\u0002', '').replaceAll('\u0003', ''))).toEqual(['needle beacon 198.51.100.7'])
    expect(indexed()).toBe(before + 1)
  })
})
