import { z } from 'zod'
import { defineSettings } from './settings-spec'

const emails = z.array(z.string().trim().email('is not an email address')).max(50)
const phones = z.array(z.string().trim().regex(/^\+[1-9]\d{6,14}$/, 'must be in E.164 form, e.g. +447700900123')).max(50)

/** Who is paged (email over SMTP, SMS through AWS SNS) and the SMTP server mail leaves by. */
export const emailSettings = defineSettings({
  section: 'notify',
  title: 'Notifications',
  schema: z
    .object({
      socEmails: emails.default([]),
      execEmails: emails.default([]),
      socPhones: phones.default([]),
      execPhones: phones.default([]),
      smtpHost: z.string().trim().max(255).default(''),
      smtpPort: z.number().int().min(1).max(65535).default(587),
      smtpSecure: z.boolean().default(false),
      smtpUser: z.string().trim().max(255).default(''),
      from: z.string().trim().max(255).default('virgil@localhost')
    })
    .prefault({}),
  fields: [
    { key: 'socEmails', label: 'SOC emails', kind: 'list', hint: 'Comma-separated' },
    { key: 'execEmails', label: 'Executive emails', kind: 'list', hint: 'Comma-separated' },
    { key: 'socPhones', label: 'SOC phones', kind: 'list', hint: 'E.164, e.g. +447700900123' },
    { key: 'execPhones', label: 'Executive phones', kind: 'list', hint: 'E.164' },
    { key: 'smtpHost', label: 'SMTP host', kind: 'text' },
    { key: 'smtpPort', label: 'SMTP port', kind: 'number' },
    { key: 'smtpSecure', label: 'SMTP over TLS', kind: 'bool' },
    { key: 'smtpUser', label: 'SMTP user', kind: 'text' },
    { key: 'from', label: 'From address', kind: 'text' }
  ],
  secrets: [{ name: 'smtp.password', label: 'SMTP password' }]
})
