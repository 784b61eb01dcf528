import { VirgilError } from '../../../shared/errors'
import type { SettingsService } from '../settings/settings-service'
import { RdapClient } from './rdap'
import { ServiceNowClient } from './servicenow'
import { VirusTotalClient } from './virustotal'

/**
 * Builds each integration's client from the current settings and vault, lazily, and rebuilds it when
 * settings change. Commands and outbox handlers ask here instead of holding clients themselves.
 */
export class Integrations {
  private readonly cache = new Map<string, unknown>()

  constructor(readonly settings: SettingsService) {
    settings.onChange(() => this.cache.clear())
  }

  virustotal(): VirusTotalClient {
    return this.memo('virustotal', () => {
      const apiKey = this.settings.secret('virustotal.apiKey')
      if (!apiKey) throw new VirgilError('NOT_CONFIGURED', 'VirusTotal is not set up: add the API key in Settings → VirusTotal.', { service: 'VirusTotal' })
      const vt = this.settings.current().virustotal
      return new VirusTotalClient({ baseUrl: vt.baseUrl, apiKey, cacheTtlMs: vt.cacheTtlMinutes * 60_000, perMinute: vt.perMinute, perDay: vt.perDay })
    })
  }

  rdap(): RdapClient {
    return this.memo('rdap', () => new RdapClient({ baseUrl: this.settings.current().rdap.baseUrl }))
  }

  /** Undefined when ServiceNow is not configured: tickets are then kept locally. */
  servicenow(): ServiceNowClient | undefined {
    return this.memo('servicenow', () => {
      const sn = this.settings.current().servicenow
      if (!sn.baseUrl) return undefined
      const password = this.settings.secret('servicenow.password') ?? ''
      const auth = sn.user ? { user: sn.user, password } : { token: password }
      return new ServiceNowClient({ baseUrl: sn.baseUrl, auth })
    })
  }

  protected memo<T>(name: string, build: () => T): T {
    if (!this.cache.has(name)) this.cache.set(name, build())
    return this.cache.get(name) as T
  }
}
