import type { ServiceStatus } from '../../../shared/domain'
import type { Db } from '../db/open-db'
import type { EventBus } from '../event-bus'
import type { SettingsService } from '../settings/settings-service'

interface LaneHealth {
  state: ServiceStatus['state']
  detail: string
}

/**
 * What the top bar shows: each integration's state. Configuration says on/off; the outbox worker
 * reports degraded/down as deliveries fail and ok when they drain.
 */
export class StatusService {
  private readonly health = new Map<string, LaneHealth>()

  constructor(
    private readonly db: Db,
    private readonly settings: SettingsService,
    private readonly bus: EventBus
  ) {}

  /** Pushes the new picture when settings change (a key set, a service turned on). */
  start(): () => void {
    return this.settings.onChange(() => {
      this.health.clear()
      this.bus.emit('status:changed', this.current())
    })
  }

  report(service: string, state: ServiceStatus['state'], detail: string): void {
    const prev = this.health.get(service)
    if (prev?.state === state && prev.detail === detail) return
    this.health.set(service, { state, detail })
    this.bus.emit('status:changed', this.current())
  }

  current(): ServiceStatus[] {
    const s = this.settings.current()
    const secrets = this.settings.view().secrets
    const pending = this.pendingBy()
    const configured: Record<string, boolean> = {
      VirusTotal: secrets['virustotal.apiKey'],
      ServiceNow: s.servicenow.baseUrl !== '',
      Slack: s.slack.enabled && secrets['slack.botToken'],
      Email: s.notify.smtpHost !== '',
      AWS: true
    }
    for (const name of this.health.keys()) if (!(name in configured)) configured[name] = true
    for (const name of pending.keys()) if (!(name in configured)) configured[name] = true
    return Object.entries(configured).map(([name, on]) => {
      const h = this.health.get(name)
      return {
        name,
        state: h?.state ?? (on ? 'ok' : 'off'),
        detail: h?.detail ?? (on ? 'configured' : 'not configured'),
        pending: pending.get(name) ?? 0
      }
    })
  }

  private pendingBy(): Map<string, number> {
    const rows = this.db.prepare(`SELECT kind, count(*) AS n FROM outbox WHERE status != 'done' GROUP BY kind`).all() as { kind: string; n: number }[]
    const out = new Map<string, number>()
    for (const r of rows) {
      const service = r.kind.split('.')[0] ?? r.kind
      out.set(service, (out.get(service) ?? 0) + r.n)
    }
    return out
  }
}
