import { connect } from 'nats'
import { PULL_EXPIRES_MS } from '../src/main/core/sync/consume-feed'
import { durableConfig, durableName } from '../src/main/core/sync/durable-consumer'
import type { Core } from '../src/main/app'
import { startNatsCluster, type NatsServer } from '../tests/support/nats-server'
import { figure, summarize } from './stats'
import { lineProbe, paced } from './line-probe'

const SECONDS = Number(process.env.SYNC_CLUSTER_SECONDS ?? 10)
const RATE = 1000
/** The pull's expiry, as Virgil's consumers use it (consume-feed.ts): a pull lost with a node is noticed after about this long. */
const EXPIRES_MS = Number(process.env.SYNC_EXPIRES_MS ?? PULL_EXPIRES_MS)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const trace = (s: string): void => void (process.env.SYNC_TRACE && process.stderr.write(`[cluster] ${s} ${new Date().toISOString()}\n`))

type Outcome = { lost: number; doubled: number; p50: number; p99: number }
/** Opens a workstation on the given servers with the given stream replicas. */
export type OpenWorkstation = (servers: string, replicas: number) => Core

/**
 * A 3-node nats-server cluster on free loopback ports, streams with 3 replicas, 1k events/s for
 * SECONDS; the node leading the stream is killed with kill -9 a third of the way in and restarted at two thirds.
 * Virgil (A writes, B applies) against raw nats.js publish → durable consumer on the same cluster,
 * through the same kill, in the same run: lost, doubled, lag p50/p99.
 */
export async function benchSyncCluster(open: OpenWorkstation): Promise<void> {
  const nodes = await startNatsCluster()
  const urls = nodes.map((n) => n.url)
  trace('cluster up')
  // The node leading the stream under test is killed (startNatsCluster names them n1..n3): where
  // the leaders sit is otherwise luck, and a kill that hits none of them costs nothing.
  const leaderNode = (name: string | undefined): NatsServer => nodes[Number(name?.slice(1) ?? 2) - 1] ?? (nodes[1] as NatsServer)
  const victim = (stream: string) => async (): Promise<NatsServer> => {
    const nc = await connect({ servers: urls })
    try {
      return leaderNode((await (await nc.jetstreamManager({ checkAPI: false })).streams.info(stream)).cluster?.leader)
    } catch {
      return leaderNode(undefined)
    } finally {
      await nc.close()
    }
  }
  try {
    const raw = process.env.SKIP_RAW ? undefined : await rawRun(urls, victim('RAW_CLUSTER'))
    trace(`raw done ${JSON.stringify(raw)}`)
    const virgil = await virgilRun(open, urls, victim('SOC_EVENTS'))
    const label = `3-node cluster, stream leader killed -9 at ${RATE} ev/s for ${SECONDS} s`
    const print = (who: string, r: typeof virgil): void => {
      figure(`sync ${who} ${label}: lost`, r.lost, 'events')
      figure(`sync ${who} ${label}: doubled`, r.doubled, 'events')
      figure(`sync ${who} ${label}: lag p50`, r.p50, 'ms')
      figure(`sync ${who} ${label}: lag p99`, r.p99, 'ms')
    }
    if (raw) print('raw NATS', raw)
    print('Virgil', virgil)
    if (raw) figure('sync cluster lag p99 ratio Virgil/raw', virgil.p99 / raw.p99, 'x')
  } finally {
    for (const n of nodes) await n.dispose()
  }
}

/** Kills the victim a third of the way through `total`, restarts it at two thirds; `back` waits for it. */
function killer(pick: () => Promise<NatsServer>, total: number): { tick(i: number): void; back(): Promise<void> } {
  let victim: Promise<NatsServer> | undefined
  let step = 0
  let killed: Promise<void> = Promise.resolve()
  let restarted: Promise<void> = Promise.resolve()
  return {
    tick(i) {
      if (step === 0 && i >= total / 3) {
        step = 1
        trace('kill')
        victim = pick()
        killed = victim.then(async (v) => {
          trace(`killing ${v.url}`)
          await v.kill9()
        })
      } else if (step === 1 && i >= (2 * total) / 3) {
        step = 2
        trace('restart')
        restarted = killed.then(async () => (await victim)?.start())
      }
    },
    back: () => restarted
  }
}

/** A publisher that retries each message until the cluster acks it (as a careful client would). */
async function rawRun(urls: string[], victim: () => Promise<NatsServer>): Promise<Outcome> {
  const nc = await connect({ servers: urls, maxReconnectAttempts: -1, reconnectTimeWait: 250 })
  try {
    // A new cluster elects its JetStream leader a moment after the nodes say they are ready.
    for (let tries = 0; ; tries++) {
      try {
        const jsm = await nc.jetstreamManager()
        await jsm.streams.add({ name: 'RAW_CLUSTER', subjects: ['raw.cluster.>'], num_replicas: 3 })
        // The same consumer settings as Virgil's durable consumers (durable-consumer.ts).
        await jsm.consumers.add('RAW_CLUSTER', { ...durableConfig('r', 'raw.cluster.>') })
        break
      } catch (err) {
        if (tries > 60) throw err
        await sleep(500)
      }
    }
    trace('raw stream ready')
    const messages = await (await nc.jetstream().consumers.get('RAW_CLUSTER', 'r')).consume({ max_messages: 4096, expires: EXPIRES_MS })
    const total = SECONDS * RATE
    const sentAt = new Map<string, number>()
    const seen = new Map<string, number>()
    const lags: number[] = []
    const progress = setInterval(() => trace(`raw read ${lags.length}`), 5_000)
    const reading = (async () => {
      for await (const m of messages) {
        const id = m.headers?.get('Nats-Msg-Id') ?? ''
        seen.set(id, (seen.get(id) ?? 0) + 1)
        if (seen.get(id) === 1) lags.push(performance.now() - (sentAt.get(id) ?? performance.now()))
        m.ack()
        if (lags.length >= total) break
      }
    })()
    const js = nc.jetstream()
    const send = async (id: string, i: number): Promise<void> => {
      for (;;) {
        try {
          await js.publish(`raw.cluster.${i % 10}`, String(i), { msgID: id, timeout: 2_000 })
          return
        } catch {
          await sleep(100)
        }
      }
    }
    const kill = killer(victim, total)
    const sends: Promise<void>[] = []
    await paced(total, RATE, (from, to) => {
      kill.tick(from)
      for (let i = from; i < to; i++) {
        const id = `raw-${i}`
        sentAt.set(id, performance.now())
        sends.push(send(id, i))
      }
    })
    trace('raw paced')
    await Promise.all(sends)
    trace(`raw all acked, read ${lags.length}`)
    await Promise.race([reading, sleep(60_000)])
    clearInterval(progress)
    await sleep(500) // late redeliveries would show as doubled
    void messages.close()?.catch(() => {})
    await kill.back()
    return { lost: total - lags.length, doubled: [...seen.values()].filter((n) => n > 1).length, ...summarize(lags) }
  } finally {
    await nc.close()
  }
}

/** A appends chat lines at RATE (each 10 ms tick in one transaction); B's commit time - A's commit time. */
async function virgilRun(open: OpenWorkstation, urls: string[], victim: () => Promise<NatsServer>): Promise<Outcome> {
  const a = open([urls[0], urls[1], urls[2]].join(','), 3)
  const b = open([urls[1], urls[2], urls[0]].join(','), 3)
  try {
    for (const c of [a, b]) {
      for (let i = 0; !c.sync.current() && i < 200; i++) await sleep(25)
      await c.sync.current()?.ready()
    }
    trace('workstations ready')
    const actor = { id: 'bench', name: 'Bench', role: 'analyst' as const, via: 'app' as const }
    const inc = await a.incidents.create({ title: 'cluster bench', description: '', source: 'email', leader: 'Ana', impact: 'low', urgency: 'low', conditions: [], members: [] }, actor)
    const total = SECONDS * RATE
    const { lags, seen, all, write } = lineProbe(a, b, inc.id, total)
    const kill = killer(victim, total)
    const progress = setInterval(() => void consumerState(urls, b).then((state) => trace(`virgil read ${lags.length}; B's consumer ${state}`)), 1_000)
    await paced(total, RATE, (from, to) => {
      kill.tick(from)
      write(from, to)
    })
    await Promise.race([all, sleep(90_000)])
    clearInterval(progress)
    await sleep(500)
    // Doubled in the file, not only in what commit listeners heard: lines B holds more than once.
    const rows = b.db.prepare(`SELECT count(*) AS n, count(DISTINCT text) AS d FROM messages WHERE incident_id = ? AND kind = 'chat'`).get(inc.id) as { n: number; d: number }
    const doubled = [...seen.values()].filter((n) => n > 1).length + (rows.n - rows.d)
    await kill.back()
    return { lost: total - lags.length, doubled, ...summarize(lags) }
  } finally {
    await a.close()
    await b.close()
  }
}

/** B's durable consumer as the cluster sees it (SYNC_TRACE only). */
async function consumerState(urls: string[], b: Core): Promise<string> {
  if (!process.env.SYNC_TRACE) return ''
  const nc = await connect({ servers: urls, timeout: 2_000 }).catch(() => undefined)
  if (!nc) return 'unreachable'
  try {
    const i = await (await nc.jetstreamManager({ checkAPI: false })).consumers.info('SOC_EVENTS', durableName(b.log.origin))
    return `pending ${i.num_pending}, ack pending ${i.num_ack_pending}, redelivered ${i.num_redelivered}, waiting pulls ${i.num_waiting}, leader ${i.cluster?.leader ?? '?'}`
  } catch (err) {
    return err instanceof Error ? err.message : String(err)
  } finally {
    await nc.close()
  }
}
