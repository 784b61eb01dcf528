import { describe, expect, it } from 'vitest'
import { connect } from 'nats'
import type { RosterEntry } from '../../../src/shared/team'
import { keyOf, ROSTER_BUCKET } from '../../../src/main/core/team/roster-kv'
import { useNatsTeam } from '../../support/nats-team'
import { call } from '../core/make-core'
import { hasNatsServer, until } from '../sync/team'

const team = useNatsTeam()

describe.skipIf(!hasNatsServer)('team roster over a JetStream KV bucket (real nats-server)', () => {
  it('shares entries both ways, the newest change wins, and a workstation that was off catches up', async () => {
    const nats = await team.startNats()
    const a = await team.join(nats)
    await call(a.core, 'identity:set', { name: 'Lena Lead', handle: 'lena' })
    await call(a.core, 'roster:set', { name: 'Ines', handle: 'ines', role: 'analyst', groups: ['insider'], slackUserId: 'U0INES' })

    // B joins later: it finds the team, and its person (same handle) keeps the role the lead gave.
    const b = await team.join(nats)
    await until(() => b.core.team.roster.byId('user:ines'), 'Ines on B')
    await call(b.core, 'identity:set', { name: 'Ines Ibarra', handle: 'ines' })
    expect(b.core.actor()).toMatchObject({ id: 'user:ines', name: 'Ines Ibarra', role: 'analyst', groups: ['insider'] })
    await until(() => a.core.team.roster.byId('user:ines')?.name === 'Ines Ibarra' || undefined, 'the rename on A')

    // The lead promotes Ines on A; B's core applies the new role to its own person.
    await call(a.core, 'roster:set', { id: 'user:ines', name: 'Ines Ibarra', handle: 'ines', role: 'lead', groups: ['insider', 'legal'], slackUserId: 'U0INES' })
    await until(() => b.core.actor().role === 'lead' || undefined, 'the promotion on B')
    expect(b.core.actor().groups).toEqual(['insider', 'legal'])

    // What is in the bucket is exactly the roster.
    const nc = await connect({ servers: nats.url })
    const kv = await nc.jetstream().views.kv(ROSTER_BUCKET)
    const stored = (await kv.get(keyOf('user:ines')))?.json<RosterEntry>()
    await nc.close()
    expect(stored).toMatchObject({ role: 'lead', groups: ['insider', 'legal'], slackUserId: 'U0INES' })

    // Changes made while B is shut down reach it when it starts again.
    await b.core.close()
    await call(a.core, 'roster:set', { name: 'Nico Night', handle: 'nico', role: 'viewer', groups: ['night'] })
    const again = await b.reopen()
    await again.team.kv()?.ready()
    await until(() => again.team.roster.byId('user:nico'), 'Nico on B after restart')
  })

  it('ignores a malformed entry in the bucket and keeps going', async () => {
    const nats = await team.startNats()
    const a = await team.join(nats)
    // The workstation makes the bucket (its own history and limits) before anyone writes to it.
    await a.core.team.kv()?.ready()
    const nc = await connect({ servers: nats.url })
    const kv = await nc.jetstream().views.kv(ROSTER_BUCKET)
    await kv.put('user_mallory', JSON.stringify({ id: 'user:mallory', role: 'god' }))
    await kv.put('garbage', 'not json at all')
    await kv.put(keyOf('user:ok'), JSON.stringify({ id: 'user:ok', name: 'Okay', handle: 'ok', role: 'viewer', groups: [], updatedAt: 5 }))
    await nc.close()
    await until(() => a.core.team.roster.byId('user:ok'), 'the good entry')
    expect(a.core.team.roster.byId('user:mallory')).toBeUndefined()
  })
})
