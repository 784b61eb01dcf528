import { afterEach, describe, expect, it } from 'vitest'
import { VirgilError } from '../../../src/shared/errors'
import { channels } from '../../../src/shared/contract'
import { INTEGRATION_SETTINGS } from '../../../src/shared/integrations'
import { SECRET_NAMES, SETTINGS_SPECS, settingsSchema, type SecretName } from '../../../src/shared/settings'
import { INTEGRATIONS, virustotalIntegration } from '../../../src/main/core/integrations/descriptors'
import { call, makeCore, type TestCore } from '../core/make-core'
import { startVirusTotal } from '../../standins/virustotal'

const defaults = settingsSchema.parse({})
const noSecrets = Object.fromEntries(SECRET_NAMES.map((n) => [n, false])) as Record<SecretName, boolean>
const valueAt = (value: unknown, dotted: string): unknown => dotted.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], value)

let t: TestCore | undefined
afterEach(async () => {
  await t?.dispose()
  t = undefined
})

describe('the integration registry', () => {
  it('holds one descriptor per integration, each with its own settings section and top bar name', () => {
    expect(INTEGRATIONS.map((i) => i.service)).toEqual(['VirusTotal', 'RDAP', 'ServiceNow', 'Slack', 'Email', 'AWS'])
    expect(new Set(INTEGRATIONS.map((i) => i.settings.section)).size).toBe(INTEGRATIONS.length)
    expect([...INTEGRATION_SETTINGS].sort((a, b) => a.section.localeCompare(b.section))).toEqual(
      INTEGRATIONS.map((i) => i.settings).sort((a, b) => a.section.localeCompare(b.section))
    )
  })

  it.each(INTEGRATIONS.map((i) => [i.service, i] as const))('%s: settings with defaults, a form over real keys, secrets known to the vault', (_name, integration) => {
    const { section, schema, fields, secrets } = integration.settings
    const sectionDefaults = defaults[section]
    expect(sectionDefaults).toEqual(schema.parse(undefined))
    for (const field of fields) expect(valueAt(sectionDefaults, field.key), `${section}.${field.key}`).not.toBeUndefined()
    for (const secret of secrets) expect(SECRET_NAMES).toContain(secret.name)
    // The Settings dialog (tests/unit/renderer/settings-form.test.ts) and settings:update are derived from this declaration.
    expect(SETTINGS_SPECS).toContain(integration.settings)
    expect(channels['settings:update'].input.safeParse({ patch: { [section]: sectionDefaults } }).success).toBe(true)
    expect(channels['settings:update'].input.safeParse({ patch: { [section]: 'not an object' } }).success).toBe(false)
  })

  it.each(INTEGRATIONS.map((i) => [i.service, i] as const))('%s: off or on before any call, and a client or a NOT_CONFIGURED naming it', (_name, integration) => {
    expect(typeof integration.isConfigured(defaults, noSecrets)).toBe('boolean')
    let built: unknown
    try {
      built = integration.createClient({ settings: defaults, secret: () => undefined, tuning: {} })
    } catch (error) {
      expect(error).toBeInstanceOf(VirgilError)
      expect(error).toMatchObject({ code: 'NOT_CONFIGURED', service: integration.service })
      expect(integration.isConfigured(defaults, noSecrets)).toBe(false)
      return
    }
    expect(built).toBeTruthy()
    integration.closeClient?.(built)
  })

  it('every section of Settings is declared once, and every secret belongs to one section', () => {
    expect(SETTINGS_SPECS.map((s) => s.section).sort()).toEqual(Object.keys(settingsSchema.shape).sort())
    expect(SETTINGS_SPECS.flatMap((s) => s.secrets.map((x) => x.name)).sort()).toEqual([...SECRET_NAMES].sort())
  })

  it('the core registers each descriptor\'s commands and shows each service on the top bar', async () => {
    t = makeCore()
    const listed = (await call<{ path: string[] }[]>(t.core, 'command:list', {})).map((c) => c.path.join(' '))
    for (const integration of INTEGRATIONS) {
      const own = integration.commands({ client: () => undefined as unknown, intake: t.core.intake }).map((c) => c.path.join(' '))
      for (const path of own) expect(listed, `${integration.service}: ${path}`).toContain(path)
    }
    expect(INTEGRATIONS.filter((i) => i.commands({ client: () => undefined as unknown, intake: t!.core.intake }).length > 0).map((i) => i.service)).toEqual(['VirusTotal', 'RDAP', 'ServiceNow', 'AWS'])
    const pills = await call<{ name: string; state: string }[]>(t.core, 'status:get', {})
    expect(pills.map((p) => p.name)).toEqual(INTEGRATIONS.map((i) => i.service))
    expect(pills.find((p) => p.name === 'VirusTotal')?.state).toBe('off')
  })

  it('a client follows its settings: NOT_CONFIGURED until the key is set, then it answers from the configured URL', async () => {
    const vt = await startVirusTotal()
    try {
      t = makeCore()
      expect(() => t!.core.integrations.client(virustotalIntegration)).toThrow(/Settings → VirusTotal/)
      await call(t.core, 'settings:update', { patch: { virustotal: { ...defaults.virustotal, baseUrl: vt.url } } })
      await call(t.core, 'secret:set', { name: 'virustotal.apiKey', value: vt.apiKey })
      const lookup = await t.core.integrations.client(virustotalIntegration).ip('8.8.8.8')
      expect(lookup).toMatchObject({ kind: 'ip', query: '8.8.8.8', fromCache: false })
      const pills = await call<{ name: string; state: string }[]>(t.core, 'status:get', {})
      expect(pills.find((p) => p.name === 'VirusTotal')?.state).toBe('ok')
    } finally {
      await vt.close()
    }
  })
})
