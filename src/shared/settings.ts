import { z } from 'zod'
import { INTEGRATION_SETTINGS } from './integrations'
import { defineSettings, sectionShapes } from './integrations/settings-spec'
import { alertsSettings, analystSettings, syncSettings } from './settings-sections'

export { alertRuleSchema, type AlertRule } from './settings-sections'

const PRIORITIES = ['P1', 'P2', 'P3', 'P4', 'P5'] as const

/** SLA targets per priority, in minutes: time to the first analyst action, and to resolution. */
export const SLA_DEFAULTS = {
  P1: { ackMinutes: 15, resolveMinutes: 4 * 60 },
  P2: { ackMinutes: 30, resolveMinutes: 8 * 60 },
  P3: { ackMinutes: 4 * 60, resolveMinutes: 3 * 24 * 60 },
  P4: { ackMinutes: 8 * 60, resolveMinutes: 5 * 24 * 60 },
  P5: { ackMinutes: 24 * 60, resolveMinutes: 10 * 24 * 60 }
}
const slaTarget = (p: (typeof PRIORITIES)[number]) =>
  z
    .object({
      ackMinutes: z.number().int().min(1, 'must be at least 1 minute').max(525_600).default(SLA_DEFAULTS[p].ackMinutes),
      resolveMinutes: z.number().int().min(1, 'must be at least 1 minute').max(5_256_000).default(SLA_DEFAULTS[p].resolveMinutes)
    })
    .prefault({})

export const slaSettings = defineSettings({
  section: 'sla',
  title: 'SLA targets',
  schema: z.object({ P1: slaTarget('P1'), P2: slaTarget('P2'), P3: slaTarget('P3'), P4: slaTarget('P4'), P5: slaTarget('P5') }).prefault({}),
  fields: PRIORITIES.flatMap((p) => [
    { key: `${p}.ackMinutes`, label: `${p}: first action within (minutes)`, kind: 'number' as const },
    { key: `${p}.resolveMinutes`, label: `${p}: resolved within (minutes)`, kind: 'number' as const }
  ]),
  secrets: []
})

/** Every settings section in the order the Settings dialog lists them; integrations declare theirs in ./integrations. */
export const SETTINGS_SPECS = [analystSettings, ...INTEGRATION_SETTINGS, alertsSettings, syncSettings, slaSettings] as const

export const settingsSchema = z.object(sectionShapes(SETTINGS_SPECS))

export type Settings = z.infer<typeof settingsSchema>
export type SettingsSection = keyof Settings

export type SecretName = (typeof SETTINGS_SPECS)[number]['secrets'][number]['name']
export const SECRET_NAMES: readonly SecretName[] = SETTINGS_SPECS.flatMap((s) => s.secrets.map((secret): SecretName => secret.name))

export interface SettingsView {
  settings: Settings
  /** The renderer only learns whether a secret is set, never its value. */
  secrets: Record<SecretName, boolean>
}
