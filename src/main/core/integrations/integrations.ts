import { VirgilError } from '../../../shared/errors'
import type { SettingsService } from '../settings/settings-service'
import { RdapClient } from './rdap'
import { ServiceNowClient } from './servicenow'
import { VirusTotalClient } from './virustotal'
import type { AwsSettings } from './aws/config'
import { createEc2Service, type Ec2Service } from './aws/ec2-service'

/**
 * Builds each integration's client from the current settings and vault, lazily, and rebuilds it when
 * settings change. Chat commands ask here; alert notifications build theirs in notify/clients.ts.
 */
export class Integrations {
  private readonly cache = new Map<string, unknown>()
  private readonly unsubscribe: () => void

  constructor(
    readonly settings: SettingsService,
    private readonly options: { timeoutMs?: number } = {}
  ) {
    this.unsubscribe = settings.onChange(() => this.reset())
  }

  /** Stops following settings and drops every client (their sockets and timers with them). */
  dispose(): void {
    this.unsubscribe()
    this.reset()
  }

  /** AWS region, profile and endpoint from settings; credentials come from the SDK's default chain. */
  awsSettings(region?: string): AwsSettings {
    const aws = this.settings.current().aws
    return {
      region: region ?? aws.region,
      ...(aws.profile ? { profile: aws.profile } : {}),
      ...(aws.endpoint ? { endpoint: aws.endpoint } : {})
    }
  }

  ec2(region?: string): Ec2Service {
    const settings = this.awsSettings(region)
    return this.memo(`ec2:${settings.region}`, () => createEc2Service(settings))
  }

  reset(): void {
    for (const value of this.cache.values()) {
      const disposable = value as { destroy?: () => void; dispose?: () => void } | undefined
      disposable?.destroy?.()
      disposable?.dispose?.()
    }
    this.cache.clear()
  }

  virustotal(): VirusTotalClient {
    return this.memo('virustotal', () => {
      const apiKey = this.settings.secret('virustotal.apiKey')
      if (!apiKey) throw new VirgilError('NOT_CONFIGURED', 'VirusTotal is not set up: add the API key in Settings → VirusTotal.', { service: 'VirusTotal' })
      const vt = this.settings.current().virustotal
      return new VirusTotalClient({ baseUrl: vt.baseUrl, apiKey, cacheTtlMs: vt.cacheTtlMinutes * 60_000, perMinute: vt.perMinute, perDay: vt.perDay, ...this.options })
    })
  }

  serviceNow(): ServiceNowClient {
    return this.memo('servicenow', () => {
      const s = this.settings.current().servicenow
      if (!s.baseUrl) throw new VirgilError('NOT_CONFIGURED', 'ServiceNow is not set up: fill in Settings → ServiceNow to pull tickets.', { service: 'ServiceNow' })
      return new ServiceNowClient({ baseUrl: s.baseUrl, auth: { user: s.user, password: this.settings.secret('servicenow.password') ?? '' } })
    })
  }

  rdap(): RdapClient {
    return this.memo('rdap', () => new RdapClient({ baseUrl: this.settings.current().rdap.baseUrl, ...this.options }))
  }

  protected memo<T>(name: string, build: () => T): T {
    if (!this.cache.has(name)) this.cache.set(name, build())
    return this.cache.get(name) as T
  }
}

