import { describe, expect, it } from 'vitest'
import { SETTINGS_SPECS } from '../../../src/shared/settings'
import { SETTINGS_SECTIONS } from '../../../src/renderer/src/lib/settings-fields'

describe('the Settings dialog', () => {
  it('lays out every section as its declaration says, integrations included, in order', () => {
    expect(SETTINGS_SECTIONS.map((s) => s.id)).toEqual(['analyst', 'virustotal', 'rdap', 'servicenow', 'aws', 'slack', 'notify', 'alerts', 'sync', 'sla'])
    for (const spec of SETTINGS_SPECS) {
      expect(SETTINGS_SECTIONS.find((s) => s.id === spec.section)).toEqual({ id: spec.section, title: spec.title, fields: spec.fields, secrets: spec.secrets })
    }
  })
})
