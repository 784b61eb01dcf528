import type { SettingsService } from '../settings/settings-service'
import { createLogger } from '../logger'
import { startNatsSync, type NatsSync, type SyncDeps } from './nats-sync'

const logger = createLogger('sync')

/** Starts team replication when Settings → Sync says so, and restarts it when that section changes. */
export function installSync(deps: SyncDeps, settings: SettingsService): { current(): NatsSync | undefined; close(): Promise<void> } {
  let sync: NatsSync | undefined
  let applied = ''
  let closed = false
  const apply = async (): Promise<void> => {
    if (closed) return
    const conf = settings.current().sync
    const key = JSON.stringify(conf) + (settings.secret('sync.token') ? '+token' : '')
    if (key === applied) return
    applied = key
    await sync?.close()
    sync = undefined
    if (!conf.enabled || !conf.servers) return
    const token = settings.secret('sync.token')
    sync = startNatsSync(deps, {
      servers: conf.servers.split(',').map((s) => s.trim()),
      stream: conf.stream,
      subjectPrefix: conf.subjectPrefix,
      ...(token ? { token } : {})
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
