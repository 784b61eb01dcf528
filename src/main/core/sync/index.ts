import { createHash } from 'node:crypto'
import type { SettingsService } from '../settings/settings-service'
import { createLogger } from '../logger'
import { startNatsSync, type NatsSync, type SyncDeps } from './nats-sync'

const logger = createLogger('sync')
const list = (v: string): string[] => v.split(',').map((s) => s.trim()).filter(Boolean)

/** Starts team replication when Settings → Sync says so, and restarts it when that section changes. */
export function installSync(deps: SyncDeps, settings: SettingsService): { current(): NatsSync | undefined; close(): Promise<void> } {
  let sync: NatsSync | undefined
  let applied = ''
  let closed = false
  const apply = async (): Promise<void> => {
    if (closed) return
    const conf = settings.current().sync
    const token = settings.secret('sync.token')
    const teamKey = settings.secret('sync.teamKey')
    const key = JSON.stringify(conf) + createHash('sha256').update(`${token ?? ''}\n${teamKey ?? ''}`).digest('hex')
    if (key === applied) return
    applied = key
    if (sync) await sync.close()
    sync = undefined
    if (!conf.enabled || !conf.servers) return
    sync = startNatsSync(deps, {
      servers: list(conf.servers),
      stream: conf.stream,
      subjectPrefix: conf.subjectPrefix,
      restrictedPrefix: conf.restrictedPrefix,
      groups: list(conf.groups),
      replicas: conf.replicas,
      ...(conf.user ? { user: conf.user } : {}),
      ...(token ? { token } : {}),
      ...(teamKey ? { teamKey } : {})
    })
  }
  // One change at a time, so a close never races a start.
  const applySafely = (): Promise<void> => apply().catch((error: unknown) => logger.error('could not apply the sync settings', { error }))
  let pending = applySafely()
  const unsubscribe = settings.onChange(() => {
    pending = pending.then(applySafely)
  })
  return {
    current: () => sync,
    async close() {
      closed = true
      unsubscribe()
      await pending
      await sync?.close()
      sync = undefined
    }
  }
}
