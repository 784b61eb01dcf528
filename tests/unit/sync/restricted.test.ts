import { resolve } from 'node:path'
import { AckPolicy, connect, type NatsConnection } from 'nats'
import { afterEach, describe, expect, it } from 'vitest'
import type { Incident, Message } from '../../../src/shared/domain'
import { openNumbers } from '../../../src/main/core/sync/numbers'
import { ensureStreams } from '../../../src/main/core/sync/subjects'
import { startNatsServer, type NatsServer } from '../../support/nats-server'
import { call, incidentInput, type TestCore } from '../core/make-core'
import { hasNatsServer, until, workstation } from './team'

const PASSWORDS = { VIRGIL_ADMIN_PASSWORD: 'admin-pw-1', VIRGIL_ANA_PASSWORD: 'ana-pw-2', VIRGIL_INES_PASSWORD: 'ines-pw-3' }
const SPACE = { stream: 'SOC_EVENTS', subjectPrefix: 'soc.events', restrictedPrefix: 'soc.restricted' }

let nats: NatsServer | undefined
const conns: NatsConnection[] = []
const cores: TestCore[] = []
afterEach(async () => {
  for (const c of conns.splice(0)) await c.close()
  for (const c of cores.splice(0)) await c.dispose()
  await nats?.dispose()
  nats = undefined
})

async function as(user: 'admin' | 'ana' | 'ines'): Promise<NatsConnection> {
  const pass = PASSWORDS[`VIRGIL_${user.toUpperCase()}_PASSWORD` as keyof typeof PASSWORDS]
  const nc = await connect({ servers: nats?.url, user, pass })
  conns.push(nc)
  return nc
}

const texts = async (t: TestCore, id: string): Promise<string[]> =>
  (await call<{ items: Message[] }>(t.core, 'timeline:get', { incidentId: id })).items.map((m) => m.text)

describe.skipIf(!hasNatsServer)('restricted incidents travel only to their groups (docs/nats/team.conf as written, real nats-server)', () => {
  it('a workstation whose user lacks insider never receives them, and the server refuses its publish and its consumer', async () => {
    nats = await startNatsServer({ config: resolve('docs/nats/team.conf'), env: PASSWORDS })
    // The admin creates the streams and the number bucket once; workstations may not.
    const admin = await as('admin')
    const problems = await ensureStreams(await admin.jetstreamManager(), SPACE, ['insider'], { replicas: 1, duplicateWindowMs: 60_000 })
    expect(problems).toEqual([])
    await openNumbers(admin.jetstream(), 'VIRGIL_NUMBERS', 1)

    const member = await workstation(cores, nats.url, { user: 'ines', groups: 'insider' }, PASSWORDS.VIRGIL_INES_PASSWORD)
    const other = await workstation(cores, nats.url, { user: 'ines', groups: 'insider' }, PASSWORDS.VIRGIL_INES_PASSWORD)
    // Ana asks for insider too: the server is what refuses it.
    const night = await workstation(cores, nats.url, { user: 'ana', groups: 'insider' }, PASSWORDS.VIRGIL_ANA_PASSWORD)
    // Ines is in the insider group on her workstations (the core hides the incident from anyone else).
    for (const t of [member, other]) {
      await call(t.core, 'identity:set', { name: 'Ines Ibarra', handle: 'ines' })
      await call(t.core, 'roster:set', { id: t.core.actor().id, name: 'Ines Ibarra', handle: 'ines', role: 'lead', groups: ['insider'] })
    }

    const open = await call<Incident>(member.core, 'incident:create', incidentInput)
    expect(open.number).toMatch(/^INC\d{7}$/)
    // A restricted incident: opened and restricted in one transaction, so nothing leaks on the open subject.
    const actor = member.core.actor()
    const insiderId = '01JINSIDERCASE0000000000AA'
    member.core.log.append([
      { type: 'incident.opened', incidentId: insiderId, actor, payload: { ...incidentInput, title: 'Insider: payroll export', number: 'INC9000001', priority: 'P2' } },
      { type: 'incident.restricted', incidentId: insiderId, actor, payload: { groups: ['insider'] } }
    ])
    await call(member.core, 'chat:send', { incidentId: insiderId, text: 'HR confirms the export' })
    await call(member.core, 'chat:send', { incidentId: open.id, text: 'open line after' })

    await until(async () => (await texts(other, insiderId).catch((): string[] => [])).includes('HR confirms the export'), 'the other insider workstation to get it', 15_000)
    await until(async () => (await texts(night, open.id).catch((): string[] => [])).includes('open line after'), 'Ana to get the open incident', 15_000)
    // Ana's SQLite file holds nothing of the restricted incident.
    const leaked = night.core.db.prepare('SELECT count(*) AS n FROM events WHERE incident_id = ? OR payload LIKE ?').get(insiderId, '%payroll%') as { n: number }
    expect(leaked.n).toBe(0)
    expect(night.core.db.prepare('SELECT count(*) AS n FROM incidents WHERE id = ?').get(insiderId)).toEqual({ n: 0 })
    await until(() => /cannot read restricted group insider/.test(night.core.status.current().find((s) => s.name === 'Sync')?.detail ?? ''), 'Ana\'s top bar to say why')

    // The server refuses Ana's publish to the restricted subject and a consumer on the insider stream.
    const ana = await as('ana')
    const errors: string[] = []
    void (async () => {
      for await (const s of ana.status()) if (s.type === 'error') errors.push(String(s.data))
    })()
    const before = (await (await admin.jetstreamManager()).streams.info('SOC_EVENTS_R_INSIDER')).state.messages
    const refused = await ana.jetstream().publish(`soc.restricted.insider.${insiderId}`, '{}', { timeout: 2_000 }).then(() => null, (e: unknown) => e)
    expect(refused).toMatchObject({ code: 'PERMISSIONS_VIOLATION', permissionContext: { operation: 'publish', subject: `soc.restricted.insider.${insiderId}` } })
    await expect(
      (await ana.jetstreamManager({ checkAPI: false })).consumers.add('SOC_EVENTS_R_INSIDER', { durable_name: 'peek', ack_policy: AckPolicy.Explicit, filter_subject: 'soc.restricted.insider.>' })
    ).rejects.toThrow()
    expect(errors).toContain('PERMISSIONS_VIOLATION')
    expect((await (await admin.jetstreamManager()).streams.info('SOC_EVENTS_R_INSIDER')).state.messages).toBe(before)
  }, 50_000)
})
