import type { SecretName, Settings } from '../../../shared/settings'
import { slackIntegration } from '../integrations/descriptors/slack'
import type { SlackGateway, SlackIdentity } from '../integrations/slack/gateway'
import type { SettingsService } from '../settings/settings-service'

export interface SlackConfig {
  token: string
  appToken?: string
  apiUrl: string
  slack: Settings['slack']
}

export interface GatewayTuning {
  timeoutMs?: number
  /** Wait after a 429 that carries no Retry-After (Slack's own advice is about 30 s). */
  defaultRetryAfterMs?: number
}

/** Slack as configured right now: undefined when mirroring is off or the bot token is missing. */
export function slackConfig(settings: SettingsService): SlackConfig | undefined {
  const slack = settings.current().slack
  const token = settings.secret('slack.botToken')
  if (!slackIntegration.isConfigured(settings.current(), settings.view().secrets) || !token) return undefined
  const appToken = settings.secret('slack.appToken')
  return { token, apiUrl: slack.apiUrl, slack, ...(appToken ? { appToken } : {}) }
}

/** One gateway per (token, URL): rebuilt when Settings change, shared by every delivery in between. */
export class GatewaySource {
  private cached: { key: string; gateway: SlackGateway; identity?: Promise<SlackIdentity> } | undefined
  // Read on every event the log appends, so kept until Settings change rather than decrypted each time.
  private config_: { value: SlackConfig | undefined } | undefined

  constructor(
    private readonly settings: SettingsService,
    private readonly tuning: GatewayTuning = {}
  ) {}

  config(): SlackConfig | undefined {
    this.config_ ??= { value: slackConfig(this.settings) }
    return this.config_.value
  }

  /** Settings changed: read them again next time. */
  invalidate(): void {
    this.config_ = undefined
  }

  /** The gateway to deliver with; parks the item (NOT_CONFIGURED) when Slack is off or has no token. */
  gateway(): SlackGateway {
    const config = this.config()
    const key = config ? JSON.stringify([config.token, config.apiUrl]) : ''
    if (!config || this.cached?.key !== key) {
      const context = { settings: this.settings.current(), secret: (name: SecretName) => this.settings.secret(name), tuning: { slack: this.tuning } }
      this.cached = { key, gateway: slackIntegration.createClient(context) }
    }
    return this.cached.gateway
  }

  /** Who the bot is (auth.test), remembered per gateway; forgotten after a failure so it is asked again. */
  identity(): Promise<SlackIdentity> {
    const gateway = this.gateway()
    const cached = this.cached
    if (!cached) return gateway.authTest()
    cached.identity ??= gateway.authTest().catch((error: unknown) => {
      if (this.cached === cached) delete cached.identity
      throw error
    })
    return cached.identity
  }
}
