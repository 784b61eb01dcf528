import type { FieldKind, FieldSpec } from '../../../shared/integrations/settings-spec'
import { SETTINGS_SPECS, type SecretName, type SettingsSection } from '../../../shared/settings'

export type { FieldKind, FieldSpec }

export interface SectionSpec {
  id: SettingsSection
  title: string
  fields: readonly FieldSpec[]
  secrets: readonly { name: SecretName; label: string }[]
}

/** How each settings section is laid out on screen: declared next to its rules in src/shared (integrations in their descriptors). */
export const SETTINGS_SECTIONS: SectionSpec[] = SETTINGS_SPECS.map((s) => ({ id: s.section, title: s.title, fields: s.fields, secrets: s.secrets }))
