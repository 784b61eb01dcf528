import { afterEach, describe, expect, it } from 'vitest'
import type { Incident } from '../../../src/shared/domain'
import { startNatsCluster, type NatsServer } from '../../support/nats-server'
import { call, incidentInput, type TestCore } from '../core/make-core'
import { hasNatsServer, until, workstation } from './team'

let servers: NatsServer[] = []
const cores: TestCore[] = []
afterEach(async () => {
  for (const c of cores.splice(0)) await c.dispose()
  for (const s of servers.splice(0)) await s.dispose()
})

const lines = (t: TestCore, id: string): number =>
  (t.core.db.prepare(`SELECT count(*) AS n FROM messages WHERE incident_id = ? AND kind = 'chat'`).get(id) as { n: number }).n

describe.skipIf(!hasNatsServer)('a node killed under a running workstation (real 3-node cluster)', () => {
  it('B keeps applying through the kill and the restart, without being restarted itself', async () => {
    servers = await startNatsCluster()
    const urls = servers.map((s) => s.url)
    const a = await until(() => workstation(cores, [urls[0], urls[1], urls[2]].join(','), { replicas: 3 }).catch(() => undefined), 'A on the cluster', 30_000)
    const b = await workstation(cores, [urls[1], urls[2], urls[0]].join(','), { replicas: 3 })
    const inc = await call<Incident>(a.core, 'incident:create', incidentInput)
    const victim = servers[1] as NatsServer
    for (let i = 0; i < 300; i++) {
      await call(a.core, 'chat:send', { incidentId: inc.id, text: `line ${i}` })
      if (i === 100) await victim.kill9()
      if (i === 200) await victim.start()
      if (i % 20 === 0) await new Promise((r) => setTimeout(r, 20))
    }
    await until(() => lines(b, inc.id) === 300, 'B to hold all 300 lines', 60_000)
    expect(lines(b, inc.id)).toBe(300)
  }, 120_000)
})
