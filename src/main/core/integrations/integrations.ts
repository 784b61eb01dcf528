import type { SettingsService } from '../settings/settings-service'
import type { ClientContext, ClientTuning, IntegrationDescriptor } from './descriptors'

/**
 * Each integration's client, built by its descriptor from the current settings and vault on first
 * use, and dropped (closed) when settings change. Chat commands and outbox handlers ask here.
 */
export class Integrations {
  private readonly cache = new Map<string, { descriptor: IntegrationDescriptor; client: unknown }>()
  private readonly unsubscribe: () => void

  constructor(
    readonly settings: SettingsService,
    private readonly tuning: ClientTuning = {}
  ) {
    this.unsubscribe = settings.onChange(() => this.reset())
  }

  /** The client of one integration (variant: e.g. an AWS region); throws NOT_CONFIGURED when it cannot be built. */
  client<C>(descriptor: IntegrationDescriptor<C>, variant = ''): C {
    const key = `${descriptor.service}:${variant}`
    const cached = this.cache.get(key)
    if (cached) return cached.client as C
    const client = descriptor.createClient(this.context(), variant || undefined)
    this.cache.set(key, { descriptor: descriptor as IntegrationDescriptor, client })
    return client
  }

  context(): ClientContext {
    return { settings: this.settings.current(), secret: (name) => this.settings.secret(name), tuning: this.tuning }
  }

  /** Stops following settings and drops every client (their sockets and timers with them). */
  dispose(): void {
    this.unsubscribe()
    this.reset()
  }

  reset(): void {
    for (const { descriptor, client } of this.cache.values()) descriptor.closeClient?.(client)
    this.cache.clear()
  }
}
