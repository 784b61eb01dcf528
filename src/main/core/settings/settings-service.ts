import { VirgilError } from '../../../shared/errors'
import { settingsSchema, type SecretName, type Settings, type SettingsView } from '../../../shared/settings'
import type { Actor } from '../commands/types'
import type { Db } from '../db/open-db'
import type { EventLog } from '../log/event-log'
import type { Vault } from '../vault/vault'
import { storedSettings } from './settings-repo'

/** Fixed values per section (environment, tests): each section merges over what is stored. */
export type SettingsOverrides = { [K in keyof Settings]?: Partial<Settings[K]> }

type Listener = (settings: Settings) => void

/** Non-secret settings live in the log (settings.changed); secrets only in the vault. */
export class SettingsService {
  private cached: Settings | undefined
  private readonly listeners = new Set<Listener>()

  constructor(
    private readonly db: Db,
    private readonly log: EventLog,
    private readonly vault: Vault,
    private readonly overrides: SettingsOverrides = {}
  ) {}

  current(): Settings {
    if (!this.cached) {
      const stored = storedSettings(this.db)
      const merged: Record<string, unknown> = { ...stored }
      for (const [section, value] of Object.entries(this.overrides)) {
        merged[section] = { ...((stored[section] as object | undefined) ?? {}), ...(value as object) }
      }
      this.cached = parseSettings(merged)
    }
    return this.cached
  }

  view(): SettingsView {
    return { settings: this.current(), secrets: this.vault.which() }
  }

  secret(name: SecretName): string | undefined {
    return this.vault.get(name)
  }

  async update(patch: Partial<Settings>, actor: Actor): Promise<SettingsView> {
    const next = parseSettings({ ...this.current(), ...patch })
    const drafts = Object.keys(patch).map((section) => ({
      type: 'settings.changed' as const,
      incidentId: null,
      actor,
      payload: { section, value: next[section as keyof Settings] as unknown as Record<string, unknown> }
    }))
    if (drafts.length) this.log.append(drafts)
    this.cached = undefined
    this.changed()
    return this.view()
  }

  async setSecret(name: SecretName, value: string | null, actor: Actor): Promise<SettingsView> {
    this.vault.set(name, value)
    this.log.appendOne({ type: 'secret.changed', incidentId: null, actor, payload: { name, isSet: value !== null && value !== '' } })
    this.changed()
    return this.view()
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private changed(): void {
    const s = this.current()
    for (const l of this.listeners) l(s)
  }
}

/** Settings from the store, the environment or a patch, with a bad value named in words. */
function parseSettings(value: unknown): Settings {
  const parsed = settingsSchema.safeParse(value)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  throw new VirgilError('BAD_INPUT', `Setting ${issue?.path.join('.') || '(all)'} is invalid: ${issue?.message ?? 'unknown problem'}.`)
}
