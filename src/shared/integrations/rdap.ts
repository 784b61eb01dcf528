import { z } from 'zod'
import { defineSettings, url } from './settings-spec'

export const rdapSettings = defineSettings({
  section: 'rdap',
  title: 'RDAP (whois)',
  schema: z.object({ baseUrl: url.default('https://rdap.org') }).prefault({}),
  fields: [{ key: 'baseUrl', label: 'Base URL', kind: 'url' }],
  secrets: []
})
