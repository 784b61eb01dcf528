import { z } from 'zod'
import { defineSettings, url } from './settings-spec'

export const virustotalSettings = defineSettings({
  section: 'virustotal',
  title: 'VirusTotal',
  schema: z
    .object({
      baseUrl: url.default('https://www.virustotal.com'),
      cacheTtlMinutes: z.number().int().min(0).max(10080).default(60),
      perMinute: z.number().int().min(1).max(1000).default(4),
      perDay: z.number().int().min(1).max(1_000_000).default(500)
    })
    .prefault({}),
  fields: [
    { key: 'baseUrl', label: 'Base URL', kind: 'url' },
    { key: 'cacheTtlMinutes', label: 'Cache answers for (minutes)', kind: 'number' },
    { key: 'perMinute', label: 'Requests per minute', kind: 'number', hint: '4 on the free API' },
    { key: 'perDay', label: 'Requests per day', kind: 'number', hint: '500 on the free API' }
  ],
  secrets: [{ name: 'virustotal.apiKey', label: 'API key' }]
})
