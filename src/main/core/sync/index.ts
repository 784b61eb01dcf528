import type { SettingsService } from '../settings/settings-service'
import { startNatsSync, type NatsSync, type SyncDeps } from './nats-sync'

/** Starts team replication when Settings → Sync says so, and restarts it when that section changes. */
export function installSync(deps: SyncDeps, settings: SettingsService): { current(): NatsSync | undefined; close(): Promise<void> } {
  let sync: NatsSync | undefined
  let applied = ''
  const apply = async (): Promise<void> => {
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
  void apply()
  const unsubscribe = settings.onChange(() => void apply())
  return {
    current: () => sync,
    async close() {
      unsubscribe()
      await sync?.close()
    }
  }
}
