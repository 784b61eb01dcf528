import type { SettingsService } from '../settings/settings-service'

/**
 * Builds each integration's client from the current settings and vault, lazily, and rebuilds it when
 * settings change. Commands and outbox handlers ask here instead of holding clients themselves.
 */
export class Integrations {
  private readonly cache = new Map<string, unknown>()

  constructor(readonly settings: SettingsService) {
    settings.onChange(() => this.cache.clear())
  }

  protected memo<T>(name: string, build: () => T): T {
    if (!this.cache.has(name)) this.cache.set(name, build())
    return this.cache.get(name) as T
  }
}
