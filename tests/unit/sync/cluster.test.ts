import { connect, type NatsConnection } from 'nats'
import { afterEach, describe, expect, it } from 'vitest'
import type { Incident } from '../../../src/shared/domain'
import { ensureStreams } from '../../../src/main/core/sync/subjects'
import { startNatsCluster, startNatsServer, type NatsServer } from '../../support/nats-server'
import { call, incidentInput, type TestCore } from '../core/make-core'
import { hasNatsServer, until, workstation } from './team'
import { durableName } from '../../../src/main/core/sync/durable-consumer'

let servers: NatsServer[] = []
let raw: NatsConnection | undefined
const cores: TestCore[] = []
afterEach(async () => {
  await raw?.close()
  for (const c of cores.splice(0)) await c.dispose()
  for (const s of servers.splice(0)) await s.dispose()
  raw = undefined
})

const SPACE = { stream: 'SOC_EVENTS', subjectPrefix: 'soc.events', restrictedPrefix: 'soc.restricted' }
const lines = (t: TestCore, id: string): string[] =>
  (t.core.db.prepare(`SELECT text FROM messages WHERE incident_id = ? AND kind = 'chat' ORDER BY seq`).all(id) as { text: string }[]).map((r) => r.text)
const heads = (t: TestCore, id: string): unknown[] => t.core.db.prepare('SELECT chain, hash, length FROM chain_heads WHERE chain LIKE ? ORDER BY chain').all(`${id}|%`)
const count = (t: TestCore, id: string): number => (t.core.db.prepare('SELECT count(*) AS n FROM events WHERE incident_id = ?').get(id) as { n: number }).n

describe.skipIf(!hasNatsServer)('a real cluster: replicas, kill -9, redelivery and republish apply every event exactly once', () => {
  it('3 nodes, replicas 3: a node killed -9 mid-stream and restarted loses nothing and doubles nothing', async () => {
    servers = await startNatsCluster()
    const urls = servers.map((s) => s.url)
    const a = await until(() => workstation(cores, [urls[0], urls[1], urls[2]].join(','), { replicas: 3 }).catch(() => undefined), 'A on the cluster', 30_000)
    const b = await workstation(cores, [urls[1], urls[2], urls[0]].join(','), { replicas: 3 })
    raw = await connect({ servers: urls })
    expect((await (await raw.jetstreamManager()).streams.info('SOC_EVENTS')).config.num_replicas).toBe(3)
    const inc = await call<Incident>(a.core, 'incident:create', incidentInput)
    const total = 300
    for (let i = 0; i < total; i++) {
      await call(a.core, 'chat:send', { incidentId: inc.id, text: `line ${i}` })
      if (i === 100) await (servers[1] as NatsServer).kill9()
      if (i === 200) await (servers[1] as NatsServer).start()
      if (i % 20 === 0) await new Promise((r) => setTimeout(r, 20))
    }
    // B also stops mid-stream and comes back: its durable consumer redelivers what it had not acked.
    await b.reopen()
    await until(() => lines(b, inc.id).length === total, `B to hold ${total} lines`, 40_000)
    await until(() => count(b, inc.id) === count(a, inc.id), 'the same events on both', 10_000)
    expect(lines(b, inc.id)).toEqual(Array.from({ length: total }, (_, i) => `line ${i}`))
    expect(heads(b, inc.id)).toEqual(heads(a, inc.id))
    expect(heads(a, inc.id)).toHaveLength(1)
  }, 90_000)

  it('a republish after the duplicate window is applied once (idempotent by event id)', async () => {
    const server = await startNatsServer()
    servers = [server]
    raw = await connect({ servers: server.url })
    // A one-second window, so the server no longer drops the second copy.
    expect(await ensureStreams(await raw.jetstreamManager(), SPACE, [], { replicas: 1, duplicateWindowMs: 1_000 })).toEqual([])
    const a = await workstation(cores, server.url)
    const b = await workstation(cores, server.url)
    const inc = await call<Incident>(a.core, 'incident:create', incidentInput)
    for (let i = 0; i < 5; i++) await call(a.core, 'chat:send', { incidentId: inc.id, text: `line ${i}` })
    await until(() => lines(b, inc.id).length === 5, 'B to hold 5 lines')
    const before = { stream: (await (await raw.jetstreamManager()).streams.info('SOC_EVENTS')).state.messages, events: count(b, inc.id) }
    await new Promise((r) => setTimeout(r, 1_500))
    // The outbox delivers everything again (as after a lost ack and a restart).
    a.core.db.prepare(`UPDATE outbox SET status = 'pending', next_at = 0 WHERE kind = 'NATS.publish'`).run()
    a.core.outbox.kick()
    await until(async () => (await (await raw!.jetstreamManager()).streams.info('SOC_EVENTS')).state.messages === before.stream * 2, 'the server to take every copy again')
    const consumer = durableName(b.core.log.origin)
    await until(async () => (await (await raw!.jetstreamManager()).consumers.info('SOC_EVENTS', consumer)).num_pending === 0, 'B to read the copies')
    await until(async () => (await (await raw!.jetstreamManager()).consumers.info('SOC_EVENTS', consumer)).num_ack_pending === 0, 'B to ack the copies')
    expect(count(b, inc.id)).toBe(before.events)
    expect(lines(b, inc.id)).toEqual(['line 0', 'line 1', 'line 2', 'line 3', 'line 4'])
  }, 30_000)
})
