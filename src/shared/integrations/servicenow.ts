import { z } from 'zod'
import { defineSettings, optionalUrl } from './settings-spec'

export const servicenowSettings = defineSettings({
  section: 'servicenow',
  title: 'ServiceNow',
  schema: z
    .object({
      baseUrl: optionalUrl.default(''),
      user: z.string().trim().max(120).default(''),
      assignmentGroup: z.string().trim().max(120).default('')
    })
    .prefault({}),
  fields: [
    { key: 'baseUrl', label: 'Instance URL', kind: 'url', hint: 'Empty keeps tickets local' },
    { key: 'user', label: 'User', kind: 'text' },
    { key: 'assignmentGroup', label: 'Assignment group', kind: 'text' }
  ],
  secrets: [{ name: 'servicenow.password', label: 'Password' }]
})
