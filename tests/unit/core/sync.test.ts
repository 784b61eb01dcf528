import { spawnSync } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import type { Incident, Message } from '../../../src/shared/domain'
import { verifyLog } from '../../../src/main/core/log/verify'
import { Vault, aesGcmCipher } from '../../../src/main/core/vault/vault'
import { startNatsServer, type NatsServer } from '../../support/nats-server'
import { call, incidentInput, makeCore, type TestCore } from './make-core'
import { syncSettings, until } from '../sync/team'

let nats: NatsServer
const cores: TestCore[] = []
afterEach(async () => {
  for (const c of cores.splice(0)) await c.dispose()
  await nats?.dispose()
})

async function workstation(url: string): Promise<TestCore> {
  const t = makeCore({ settingsOverrides: { sync: syncSettings(url) } })
  cores.push(t)
  await t.core.sync.current()?.ready()
  return t
}


const texts = async (t: TestCore, id: string): Promise<string[]> =>
  (await call<{ items: Message[] }>(t.core, 'timeline:get', { incidentId: id })).items.map((m) => m.text)

const hasNatsServer = spawnSync('nats-server', ['--version']).status === 0

describe.skipIf(!hasNatsServer)('team replication over NATS JetStream (real nats-server; install Debian\'s nats-server to run)', () => {
  it('replicates incidents and chat both ways, converges on fields, and keeps chains verifiable', async () => {
    nats = await startNatsServer()
    const a = await workstation(nats.url)
    const b = await workstation(nats.url)
    const inc = await call<Incident>(a.core, 'incident:create', incidentInput)
    await call(a.core, 'chat:send', { incidentId: inc.id, text: 'from A' })
    await until(async () => (await texts(b, inc.id).catch((): string[] => [])).includes('from A'), 'B to see A')
    await call(b.core, 'chat:send', { incidentId: inc.id, text: 'from B' })
    await call(b.core, 'incident:update', { id: inc.id, status: 'investigating' })
    await until(async () => (await texts(a, inc.id)).includes('from B'), 'A to see B')
    await until(async () => (await call<Incident>(a.core, 'incident:get', { id: inc.id })).status === 'investigating', 'status to converge')
    const next = await call<Incident>(b.core, 'incident:create', { ...incidentInput, title: 'Second' })
    expect(next.number).toBe('INC0000002')
    for (const t of [a, b]) {
      const report = verifyLog(t.core.db, new Vault(t.core.db, aesGcmCipher(t.key)).chainKey())
      expect(report.problems).toEqual([])
      expect(report.linkOnly).toBeGreaterThan(0)
    }
  })

  it('keeps working offline and catches up when the server is back, without duplicates', async () => {
    nats = await startNatsServer()
    const a = await workstation(nats.url)
    const b = await workstation(nats.url)
    const inc = await call<Incident>(a.core, 'incident:create', incidentInput)
    await until(async () => (await b.core.incidents.list('all')).length === 1, 'B to get the incident')
    const syncPill = (t: TestCore) => t.core.status.current().find((s) => s.name === 'Sync')
    await nats.stop()
    // The top bar says it in words while the server is gone.
    const outage = await until(() => (syncPill(a)?.state !== 'ok' ? syncPill(a) : undefined), 'the top bar to show the outage')
    expect(outage?.detail).toMatch(/NATS.*working locally/)
    for (let i = 0; i < 5; i++) await call(a.core, 'chat:send', { incidentId: inc.id, text: `offline ${i}` })
    expect(await texts(a, inc.id)).toContain('offline 4')
    await nats.start()
    await until(async () => (await texts(b, inc.id)).includes('offline 4'), 'B to catch up', 20_000)
    const lines = (await texts(b, inc.id)).filter((t) => t.startsWith('offline'))
    expect(lines).toEqual(['offline 0', 'offline 1', 'offline 2', 'offline 3', 'offline 4'])
    await until(() => (syncPill(a)?.state === 'ok' ? true : undefined), 'the top bar to show Sync back')
  })
})
