import { describe, expect, it } from 'vitest'
import type { Incident, SearchResult } from '../../../src/shared/domain'
import { useNatsTeam } from '../../support/nats-team'
import { call, incidentInput } from '../core/make-core'
import { hasNatsServer, until } from '../sync/team'

const team = useNatsTeam()

describe.skipIf(!hasNatsServer)('a restriction made on one workstation (real nats-server)', () => {
  it('takes the incident out of the view of a non-member on another, who saw it before', async () => {
    const nats = await team.startNats()
    const a = await team.join(nats)
    await call(a.core, 'identity:set', { name: 'Lena Lead', handle: 'lena' })
    await call(a.core, 'roster:set', { id: 'user:lena', name: 'Lena Lead', handle: 'lena', role: 'lead', groups: ['insider'] })
    await call(a.core, 'roster:set', { name: 'Nico Night', handle: 'nico', role: 'analyst', groups: ['night'] })
    const b = await team.join(nats)
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
