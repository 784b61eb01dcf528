import { z } from 'zod'

export type FieldKind = 'text' | 'url' | 'number' | 'bool' | 'list' | 'json'

export interface FieldSpec {
  /** Dotted for nested values, e.g. thresholds.cpuPercent. */
  key: string
  label: string
  kind: FieldKind
  hint?: string
}

export interface SecretSpec<N extends string = string> {
  name: N
  label: string
}

/**
 * One settings section: its rules and defaults (the schema, each default written once on its field),
 * the secrets it keeps in the vault, and how the Settings dialog lays it out.
 */
export interface SettingsSpec<S extends string = string, N extends string = string, T extends z.ZodType = z.ZodType> {
  section: S
  title: string
  schema: T
  fields: readonly FieldSpec[]
  secrets: readonly SecretSpec<N>[]
}

export function defineSettings<const S extends string, T extends z.ZodType, const N extends string = never>(spec: SettingsSpec<S, N, T>): SettingsSpec<S, N, T> {
  return spec
}

/** `{ [section]: schema }` for a list of specs, typed per section. */
export type SectionShapes<L extends readonly SettingsSpec[]> = { [I in L[number] as I['section']]: I['schema'] }

export function sectionShapes<const L extends readonly SettingsSpec[]>(specs: L): SectionShapes<L> {
  return Object.fromEntries(specs.map((s) => [s.section, s.schema])) as SectionShapes<L>
}

export const url = z.string().trim().url('must be a full URL such as https://example.com')
export const optionalUrl = z.union([url, z.literal('')])
