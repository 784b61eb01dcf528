import { applyEvent } from '../src/main/core/projections/apply'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { AckPolicy, connect, DeliverPolicy, type NatsConnection } from 'nats'
import { createCore, type Core } from '../src/main/app'
import { openDb } from '../src/main/core/db/open-db'
import { EventLog } from '../src/main/core/log/event-log'
import { ensureStreams } from '../src/main/core/sync/subjects'
import { teamKey, toWire } from '../src/main/core/sync/wire'
import { aesGcmCipher } from '../src/main/core/vault/vault'
import { startNatsServer } from '../tests/support/nats-server'
import { catchUpWrites } from './catch-up-writer'
import { figure, summarize } from './stats'
import { benchSyncCluster } from './sync-cluster'
import { lineProbe, paced } from './line-probe'

const SECONDS = Number(process.env.SYNC_BENCH_SECONDS ?? 10)
const RATE = 1000
const CATCH_UP = Number(process.env.SYNC_BENCH_CATCHUP ?? 100_000)
const SPACE = { stream: 'SOC_EVENTS', subjectPrefix: 'soc.events', restrictedPrefix: 'soc.restricted' }
const cpuMs = (from: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(from)
  return (u.user + u.system) / 1000
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Two workstations on one nats-server: replication lag at 1k events/s and the catch-up of 100k
 * events, each against raw NATS publish→consume of the same messages in the same run.
 */
export async function benchSync(): Promise<void> {
  const nats = await startNatsServer()
  const dirs: string[] = []
  const open = (servers = nats.url, replicas = 1): Core => {
    const dir = mkdtempSync(join(tmpdir(), 'virgil-bench-sync-'))
    dirs.push(dir)
    const sync = { enabled: true, servers, stream: 'SOC_EVENTS', subjectPrefix: 'soc.events', restrictedPrefix: 'soc.restricted', user: '', groups: '', replicas }
    return createCore({ dataDir: dir, cipher: aesGcmCipher(randomBytes(32)), mode: 'serve', version: 'bench', checkpointDir: `${dir}-cp`, settingsOverrides: { sync } })
  }
  const raw = await connect({ servers: nats.url })
  try {
    await ensureStreams(await raw.jetstreamManager(), SPACE, [], { replicas: 1, duplicateWindowMs: 120_000 })
    const rawLag = await rawLagRun(raw)
    const a = open()
    const b = open()
    await a.sync.current()?.ready()
    await b.sync.current()?.ready()
    const lag = process.env.SKIP_LAG ? rawLag : await virgilLagRun(a, b)
    figure('sync raw NATS lag p50', rawLag.p50, 'ms')
    figure('sync raw NATS lag p99', rawLag.p99, 'ms')
    figure(`sync Virgil lag p50 at ${RATE} ev/s for ${SECONDS} s`, lag.p50, 'ms')
    figure(`sync Virgil lag p99 at ${RATE} ev/s for ${SECONDS} s`, lag.p99, 'ms')
    figure('sync lag p99 ratio Virgil/raw', lag.p99 / rawLag.p99, 'x')
    await a.close()
    await b.close()

    if (!process.env.SKIP_CATCHUP) {
      const catchUp = await catchUpRun(raw, open)
      figure(`sync raw consume of ${CATCH_UP} messages`, catchUp.raw / 1000, 's')
      figure(`sync Virgil catch-up of ${CATCH_UP} events`, catchUp.virgil / 1000, 's')
      figure('sync catch-up ratio Virgil/raw', catchUp.virgil / catchUp.raw, 'x')
      figure(`sync raw consume CPU for ${CATCH_UP} messages`, catchUp.rawCpu / 1000, 's')
      figure(`sync Virgil catch-up CPU for ${CATCH_UP} events`, catchUp.virgilCpu / 1000, 's')
      figure('sync catch-up CPU ratio Virgil/raw', catchUp.virgilCpu / catchUp.rawCpu, 'x')
    }

    if (!process.env.SKIP_CLUSTER) await benchSyncCluster(open)
  } finally {
    await raw.close()
    await nats.dispose()
    for (const d of dirs) {
      rmSync(d, { recursive: true, force: true })
      rmSync(`${d}-cp`, { recursive: true, force: true })
    }
  }
}

/** Publishes at RATE for SECONDS with the send time in the body; lag = receive time - send time. */
async function rawLagRun(nc: NatsConnection): Promise<ReturnType<typeof summarize>> {
  const jsm = await nc.jetstreamManager()
  await jsm.streams.add({ name: 'RAW_LAG', subjects: ['raw.lag.>'] })
  await jsm.consumers.add('RAW_LAG', { durable_name: 'r', ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All })
  const messages = await (await nc.jetstream().consumers.get('RAW_LAG', 'r')).consume({ max_messages: 1024 })
  const lags: number[] = []
  const total = SECONDS * RATE
  const done = (async () => {
    for await (const m of messages) {
      lags.push(performance.now() - Number(m.string()))
      m.ack()
      if (lags.length >= total) break
    }
  })()
  const js = nc.jetstream()
  await paced(total, RATE, (from, to) => {
    for (let i = from; i < to; i++) void js.publish(`raw.lag.${i % 10}`, String(performance.now()), { msgID: `raw-${i}` })
  })
  await done
  await jsm.streams.delete('RAW_LAG')
  return summarize(lags)
}

/** A appends chat lines at RATE; lag = when B committed the event - when A committed it. */
async function virgilLagRun(a: Core, b: Core): Promise<ReturnType<typeof summarize>> {
  const actor = { id: 'bench', name: 'Bench', role: 'analyst' as const, via: 'app' as const }
  const inc = await a.incidents.create({ title: 'bench', description: '', source: 'email', leader: 'Ana', impact: 'low', urgency: 'low', conditions: [], members: [] }, actor)
  const total = SECONDS * RATE
  const probe = lineProbe(a, b, inc.id, total)
  await paced(total, RATE, probe.write)
  await Promise.race([probe.all, sleep(120_000)])
  return summarize(probe.lags)
}

/** 100k events from a writer land in the stream while B is away; then B starts and catches up. */
async function catchUpRun(nc: NatsConnection, open: () => Core): Promise<{ raw: number; virgil: number; rawCpu: number; virgilCpu: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'virgil-bench-writer-'))
  try {
    const log = new EventLog(openDb(join(dir, 'w.db')), 'wswriter', randomBytes(32), applyEvent)
    const key = teamKey(null)
    const js = nc.jetstream()
    for (const events of catchUpWrites(log, CATCH_UP)) {
      await Promise.all(events.map((e) => js.publish(`soc.events.${e.incidentId}`, JSON.stringify(toWire(key, e)), { msgID: e.id })))
    }
    // Raw: a fresh consumer reads and acks every message.
    const jsm = await nc.jetstreamManager()
    await jsm.consumers.add('SOC_EVENTS', { durable_name: 'raw_catchup', ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, filter_subject: 'soc.events.>' })
    const pending = (await jsm.consumers.info('SOC_EVENTS', 'raw_catchup')).num_pending
    let t0 = performance.now()
    let cpu0 = process.cpuUsage()
    let n = 0
    for await (const m of await (await js.consumers.get('SOC_EVENTS', 'raw_catchup')).consume({ max_messages: 1024 })) {
      m.ack()
      if (++n >= pending) break
    }
    const rawMs = performance.now() - t0
    const rawCpu = cpuMs(cpu0)
    // Virgil: a workstation that was away starts and applies them all (counted as they commit).
    t0 = performance.now()
    cpu0 = process.cpuUsage()
    const b = open()
    let applied = 0
    let caughtUp: () => void = () => {}
    const all = new Promise<void>((r) => (caughtUp = r))
    let commits = 0
    b.log.onCommit((events) => {
      commits++
      for (const e of events) if (e.origin === 'wswriter') applied++
      if (applied >= CATCH_UP) caughtUp()
    })
    await all
    const virgilMs = performance.now() - t0
    const virgilCpu = cpuMs(cpu0)
    await b.close()
    figure('sync Virgil catch-up commits (bursts)', commits, '')
    return { raw: rawMs, virgil: virgilMs, rawCpu, virgilCpu }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
