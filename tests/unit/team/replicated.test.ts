import { spawnSync } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import type { Incident, SearchResult } from '../../../src/shared/domain'
import { startNatsServer, type NatsServer } from '../../support/nats-server'
import { call, incidentInput, makeCore, type TestCore } from '../core/make-core'

let nats: NatsServer | undefined
const cores: TestCore[] = []
afterEach(async () => {
  for (const c of cores.splice(0)) await c.dispose()
  await nats?.dispose()
  nats = undefined
})

async function workstation(url: string): Promise<TestCore> {
  const t = makeCore({ settingsOverrides: { sync: { enabled: true, servers: url, stream: 'SOC_EVENTS', subjectPrefix: 'soc.events' } } })
  cores.push(t)
  await t.core.sync.current()?.ready()
  await t.core.team.kv()?.ready()
  return t
}

async function until<T>(fn: () => Promise<T | undefined> | T | undefined, what: string, ms = 10_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await fn()
    if (v) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

const hasNatsServer = spawnSync('nats-server', ['--version']).status === 0

describe.skipIf(!hasNatsServer)('a restriction made on one workstation (real nats-server)', () => {
  it('takes the incident out of the view of a non-member on another, who saw it before', async () => {
    nats = await startNatsServer()
    const a = await workstation(nats.url)
    await call(a.core, 'identity:set', { name: 'Lena Lead', handle: 'lena' })
    await call(a.core, 'roster:set', { id: 'user:lena', name: 'Lena Lead', handle: 'lena', role: 'lead', groups: ['insider'] })
    await call(a.core, 'roster:set', { name: 'Nico Night', handle: 'nico', role: 'analyst', groups: ['night'] })
    const b = await workstation(nats.url)
    await until(() => b.core.team.roster.byId('user:nico'), 'the roster on B')
    await call(b.core, 'identity:set', { name: 'Nico Night', handle: 'nico' })
    expect(b.core.actor()).toMatchObject({ role: 'analyst', groups: ['night'] })

    const incident = await call<Incident>(a.core, 'incident:create', { ...incidentInput, title: 'Insider moving payroll files' })
    await until(async () => (await call<Incident[]>(b.core, 'incident:list', {})).some((i) => i.id === incident.id) || undefined, 'B to see it')

    await call(a.core, 'incident:restrict', { id: incident.id, groups: ['insider'] })
    await until(async () => !(await call<Incident[]>(b.core, 'incident:list', {})).some((i) => i.id === incident.id) || undefined, 'B to stop seeing it')
    const found = await call<SearchResult>(b.core, 'search:query', { query: 'payroll' })
    expect(found.hits.map((h) => h.incidentId)).not.toContain(incident.id)
    const direct = await b.core.dispatch('incident:get', { id: incident.id }, b.core.actor())
    expect(direct.ok).toBe(false)
    // The lead's own workstation still shows it, with its lock.
    expect((await call<Incident>(a.core, 'incident:get', { id: incident.id })).restrictedGroups).toEqual(['insider'])
  })
})
