import { connect, type KV, type NatsConnection } from 'nats'
import type { RosterEntry } from '../../../shared/team'
import { createLogger } from '../logger'
import type { Roster } from './roster'

const logger = createLogger('roster-kv')
export const ROSTER_BUCKET = 'virgil-roster'

export interface RosterKvConfig {
  servers: string[]
  /** The NATS user (Settings → Sync); its password is the sync token. */
  user?: string
  token?: string
  bucket?: string
}

export interface RosterKv {
  /** Resolves once the bucket is open, our entries are in it and the team's are applied here. */
  ready(): Promise<void>
  close(): Promise<void>
}

/** NATS KV keys allow letters, digits and - / _ = . only. */
export const keyOf = (id: string): string => id.replace(/[^-/_=.a-zA-Z0-9]/g, '_')

/**
 * Shares the roster through a JetStream key-value bucket: every entry written here is put under its
 * id, every entry in the bucket (now and later) is offered to the roster, which keeps the newest.
 */
export function startRosterKv(roster: Roster, config: RosterKvConfig): RosterKv {
  let nc: NatsConnection | undefined
  let kv: KV | undefined
  let closed = false
  let markReady: () => void = () => undefined
  const isReady = new Promise<void>((r) => (markReady = r))

  const put = async (entry: RosterEntry): Promise<void> => {
    if (!kv) return
    try {
      const current = await kv.get(keyOf(entry.id))
      const theirs = current?.operation === 'PUT' ? (current.json<RosterEntry>().updatedAt ?? 0) : -1
      if (theirs >= entry.updatedAt) return
      await kv.put(keyOf(entry.id), JSON.stringify(entry))
    } catch (error) {
      // Offline: the entry is pushed again with all others on reconnect.
      logger.warn('could not share a roster entry yet', { error, id: entry.id })
    }
  }
  const pushAll = async (): Promise<void> => {
    for (const entry of roster.list()) await put(entry)
  }
  const unsubscribe = roster.onChange((entry, via) => {
    if (via === 'app') void put(entry)
  })

  const run = async (): Promise<void> => {
    let delay = 500
    while (!closed) {
      try {
        nc = await connect({ servers: config.servers, name: 'virgil-roster', maxReconnectAttempts: -1, reconnectTimeWait: 1_000, ...(config.user ? { user: config.user, pass: config.token ?? '' } : config.token ? { token: config.token } : {}) })
        if (closed) {
          await nc.close()
          return
        }
        const js = nc.jetstream()
        kv = await js.views.kv(config.bucket ?? ROSTER_BUCKET, { history: 5 })
        await pushAll()
        const watch = await kv.watch({ initializedFn: () => markReady() })
        void watchStatus(nc)
        for await (const e of watch) {
          if (e.operation !== 'PUT') continue
          try {
            roster.receive(e.json<unknown>())
          } catch (error) {
            logger.warn('ignored a roster entry that could not be read', { error, key: e.key })
          }
        }
        return
      } catch (error) {
        if (closed) return
        logger.warn('roster bucket unavailable; retrying', { error })
        await nc?.close().catch(() => undefined)
        await new Promise((r) => setTimeout(r, delay))

        delay = Math.min(delay * 2, 15_000)
      }
    }
  }
  const watchStatus = async (conn: NatsConnection): Promise<void> => {
    for await (const s of conn.status()) if (s.type === 'reconnect') await pushAll()
  }
  const running = run()

  return {
    ready: () => isReady,
    async close() {
      closed = true
      unsubscribe()
      markReady()
      await nc?.close().catch(() => undefined)
      await running
    }
  }
}
