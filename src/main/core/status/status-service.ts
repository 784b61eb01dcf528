import type { ServiceState, ServiceStatus } from '../../../shared/domain'
import type { Db } from '../db/open-db'
import type { EventBus } from '../event-bus'
import type { SettingsService } from '../settings/settings-service'
import { INTEGRATIONS } from '../integrations/descriptors'
import { waitingByKind } from '../outbox/outbox-repo'

interface Health {
  state: ServiceState
  detail: string
}

/** Outbox kinds whose prefix is not the name of the service that delivers them. */
const KIND_SERVICE: Record<string, string> = { SMS: 'SNS' }
const SEVERITY: Record<ServiceState, number> = { off: 0, ok: 1, degraded: 2, down: 3 }

/**
 * What the top bar shows: each integration's own state. Configuration says on/off; each reporter
 * (an outbox lane, a lookup, a connection watcher) keeps its own report per service, and the
 * service shows the worst of them, so one lane delivering again does not hide another still failing,
 * and two services down both show.
 */
export class StatusService {
  /** service → source (lane, connection, lookup) → its last trouble; a source that is fine again is dropped. */
  private readonly trouble = new Map<string, Map<string, Health>>()
  private readonly lastOk = new Map<string, string>()

  constructor(
    private readonly db: Db,
    private readonly settings: SettingsService,
    private readonly bus: EventBus
  ) {}

  /** Pushes the new picture when settings change (a key set, a service turned on). */
  start(): () => void {
    return this.settings.onChange(() => {
      this.trouble.clear()
      this.bus.emit('status:changed', this.current())
    })
  }

  report(service: string, state: ServiceState, detail: string, source = 'main'): void {
    const before = this.picture(service)
    const sources = this.trouble.get(service) ?? new Map<string, Health>()
    if (state === 'ok' || state === 'off') {
      sources.delete(source)
      this.lastOk.set(service, detail)
    } else {
      sources.set(source, { state, detail })
    }
    if (sources.size) this.trouble.set(service, sources)
    else this.trouble.delete(service)
    if (this.picture(service) !== before) this.bus.emit('status:changed', this.current())
  }

  private picture(service: string): string {
    const h = this.shown(service)
    return h ? `${h.state}|${h.detail}` : `ok|${this.lastOk.get(service) ?? ''}`
  }

  current(): ServiceStatus[] {
    const s = this.settings.current()
    const secrets = this.settings.view().secrets
    const pending = this.pendingBy()
    const configured: Record<string, boolean> = Object.fromEntries(INTEGRATIONS.map((i) => [i.service, i.isConfigured(s, secrets)]))
    for (const name of [...this.trouble.keys(), ...this.lastOk.keys(), ...pending.keys()]) if (!(name in configured)) configured[name] = true
    return Object.entries(configured).map(([name, on]) => {
      const h = this.shown(name)
      const ok = this.lastOk.get(name)
      return {
        name,
        state: h?.state ?? (on ? 'ok' : 'off'),
        detail: h?.detail ?? (on ? (ok ?? 'configured') : 'not configured'),
        pending: pending.get(name) ?? 0
      }
    })
  }

  /** The worst report among a service's sources, with how many others are in trouble too. */
  private shown(service: string): Health | undefined {
    const sources = [...(this.trouble.get(service)?.values() ?? [])]
    if (!sources.length) return undefined
    const worst = sources.reduce((a, b) => (SEVERITY[b.state] > SEVERITY[a.state] ? b : a))
    const others = new Set(sources.map((x) => x.detail))
    others.delete(worst.detail)
    return others.size ? { state: worst.state, detail: `${worst.detail} (and ${others.size} more problem${others.size > 1 ? 's' : ''})` } : worst
  }

  private pendingBy(): Map<string, number> {
    const rows = waitingByKind(this.db)
    const out = new Map<string, number>()
    for (const r of rows) {
      const prefix = r.kind.split('.')[0] ?? r.kind
      const service = KIND_SERVICE[prefix] ?? prefix
      out.set(service, (out.get(service) ?? 0) + r.n)
    }
    return out
  }
}
