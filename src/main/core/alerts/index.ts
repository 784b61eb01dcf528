import type { Db } from '../db/open-db'
import type { EventBus } from '../event-bus'
import type { EventLog } from '../log/event-log'
import { installNotify, settingsClients, type NotifyClientOptions, type NotifyClients } from '../notify'
import type { OutboxWorker } from '../outbox/outbox-worker'
import type { SettingsService } from '../settings/settings-service'
import type { StatusService } from '../status/status-service'
import { DisposableStore } from '../lifecycle'
import { AlertStore } from './alert-store'
import { alertSourceToken, type AlertSourceKind } from './auth'
import { AlertIntake } from './intake'
import { AwsPollers } from './pollers'
import { startReceiver, type Receiver, type ReceiverConfig } from './receiver'

export { ALERT_ACTOR, type Alert } from './alert'
export { alertSourceToken, signAlert } from './auth'
export type { IngestResult } from './intake'

export interface AlertsDeps {
  db: Db
  log: EventLog
  bus: EventBus
  outbox: OutboxWorker
  settings: SettingsService
  status: StatusService
  /** The outside services; built from Settings and the vault when absent. */
  clients?: NotifyClients
  clientOptions?: NotifyClientOptions
  /** Overrides Settings → Alerts host and port (tests, benches); here port 0 means any free port. */
  listen?: Partial<ReceiverConfig> & { port: number }
  now?: () => number
}

export interface Alerts {
  /** Where the receiver listens, e.g. http://127.0.0.1:8088; undefined while it is off. */
  receiverUrl(): string | undefined
  /** The full URL a sender kind posts to, scoped token included (secret: show it only in main). */
  sourceUrl(kind: AlertSourceKind): string | undefined
  /** Settles once the receiver matches the current settings. */
  ready(): Promise<void>
  pollNow(): Promise<void>
  close(): Promise<void>
}

/** Alert intake (webhook receiver, AWS pollers), its rules, and the ticket and paging handlers. */
export function installAlerts(deps: AlertsDeps): Alerts {
  const settings = () => deps.settings.current()
  const clients = deps.clients ?? settingsClients(deps.settings, deps.clientOptions)
  const owned = new DisposableStore('alerts')
  if (!deps.clients) owned.add(() => clients.close(), 'notify clients')
  owned.add(installNotify({ log: deps.log, outbox: deps.outbox, settings: deps.settings, clients }), 'notify handlers')
  const store = new AlertStore(deps.db)
  const intake = new AlertIntake({
    log: deps.log,
    bus: deps.bus,
    store,
    settings,
    isServiceNowConfigured: () => clients.isServiceNowConfigured(),
    ...(deps.now ? { now: deps.now } : {})
  })
  const pollers = new AwsPollers({ clients, settings, store, intake, status: deps.status, ...(deps.now ? { now: deps.now } : {}) })

  let receiver: Receiver | undefined
  let running: string | undefined
  let closed = false
  const wanted = (): ReceiverConfig | undefined => {
    if (closed) return undefined
    if (deps.listen) return { host: '127.0.0.1', ...deps.listen }
    const a = settings().alerts
    return a.enabled && a.port > 0 ? { host: a.host, port: a.port } : undefined
  }
  const reconcile = async (): Promise<void> => {
    const config = wanted()
    const key = config ? JSON.stringify(config) : undefined
    if (key === running) return
    await receiver?.close()
    receiver = running = undefined
    if (!config) return
    try {
      receiver = await startReceiver(
        {
          secret: () => deps.settings.secret('alerts.token'),
          requireSignature: () => settings().alerts.requireSignature,
          intake,
          ...(deps.now ? { now: deps.now } : {})
        },
        config
      )
      running = key
    } catch (error) {
      deps.status.report('Alerts', 'down', `The alert receiver could not listen on ${config.host}:${config.port}: ${String(error)}. Pick another port in Settings → Alerts.`)
    }
  }
  let pending = reconcile()
  const changed = (): void => {
    pending = pending.then(reconcile)
    pollers.schedule()
  }
  owned.add(async () => {
    pending = pending.then(reconcile)
    await pending
  }, 'receiver')
  owned.add(() => pollers.stop(), 'AWS pollers')
  owned.add(deps.settings.onChange(changed), 'settings subscription')
  pollers.schedule()

  return {
    receiverUrl: () => receiver?.url,
    sourceUrl(kind) {
      const secret = deps.settings.secret('alerts.token')
      return receiver && secret ? `${receiver.url}/alerts/${kind}/${alertSourceToken(secret, kind)}` : undefined
    },
    ready: () => pending,
    pollNow: () => pollers.pollNow(),
    async close() {
      closed = true
      await owned.dispose()
    }
  }
}
