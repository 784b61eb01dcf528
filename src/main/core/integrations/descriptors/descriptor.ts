import type { SecretName, Settings } from '../../../../shared/settings'
import type { SettingsSpec } from '../../../../shared/integrations/settings-spec'
import type { IntegrationSettings } from '../../../../shared/integrations'
import type { CommandSpec } from '../../commands/types'
import type { IntakeService } from '../../evidence/intake-service'
import type { AwsClientOptions } from '../aws/config'

/** Timeouts and budgets tests and benches shorten; the defaults suit the real services. */
export interface ClientTuning {
  /** VirusTotal and RDAP lookups. */
  lookupTimeoutMs?: number
  serviceNowTimeoutMs?: number
  smtpTimeoutMs?: number
  /** Explicit AWS keys and budgets (tests, benches); the app uses the SDK's default provider chain. */
  aws?: AwsClientOptions
  slack?: { timeoutMs?: number; defaultRetryAfterMs?: number }
}

/** What a client factory reads: the settings as they are now, the vault, and the tuning. */
export interface ClientContext {
  settings: Settings
  secret(name: SecretName): string | undefined
  tuning: ClientTuning
}

export interface CommandContext<C> {
  /** The integration's client as configured right now (variant: e.g. an AWS region); throws NOT_CONFIGURED. */
  client(variant?: string): C
  intake: IntakeService
}

/**
 * Everything Virgil knows about one outside service, in one place: its settings (rules, defaults,
 * secrets, form, in src/shared/integrations), how to build its client, what the top bar shows before
 * anything was tried, and the chat commands that use it. INTEGRATIONS lists them all.
 */
export interface IntegrationDescriptor<C = unknown> {
  /** The name on the top bar pill and in its errors' `service`. */
  service: string
  settings: IntegrationSettings & SettingsSpec
  /** Top bar before any call: ok when configured, off when not; trouble reported later overrides it. */
  isConfigured(settings: Settings, secrets: Record<SecretName, boolean>): boolean
  /** Builds a client from the current settings; throws NOT_CONFIGURED when it cannot. */
  createClient(ctx: ClientContext, variant?: string): C
  /** Releases what a client holds (sockets, timers), when settings change or the core closes. */
  closeClient?(client: C): void
  /** Chat commands that call this service (none for those only the outbox uses). */
  commands(ctx: CommandContext<C>): CommandSpec[]
}

export function defineIntegration<C>(descriptor: IntegrationDescriptor<C>): IntegrationDescriptor<C> {
  return descriptor
}
