import { z } from 'zod'

const url = z.string().trim().url('must be a full URL such as https://example.com')
const optionalUrl = z.union([url, z.literal('')])
const emails = z.array(z.string().trim().email('is not an email address')).max(50)
const phones = z.array(z.string().trim().regex(/^\+[1-9]\d{6,14}$/, 'must be in E.164 form, e.g. +447700900123')).max(50)

export const settingsSchema = z.object({
  analyst: z.object({ name: z.string().trim().min(1).max(80).default('Analyst') }).default({ name: 'Analyst' }),
  virustotal: z
    .object({
      baseUrl: url.default('https://www.virustotal.com'),
      cacheTtlMinutes: z.number().int().min(0).max(10080).default(60),
      perMinute: z.number().int().min(1).max(1000).default(4),
      perDay: z.number().int().min(1).max(1_000_000).default(500)
    })
    .default({ baseUrl: 'https://www.virustotal.com', cacheTtlMinutes: 60, perMinute: 4, perDay: 500 }),
  rdap: z.object({ baseUrl: url.default('https://rdap.org') }).default({ baseUrl: 'https://rdap.org' }),
  servicenow: z
    .object({
      baseUrl: optionalUrl.default(''),
      user: z.string().trim().max(120).default(''),
      assignmentGroup: z.string().trim().max(120).default('')
    })
    .default({ baseUrl: '', user: '', assignmentGroup: '' }),
  aws: z
    .object({
      region: z.string().trim().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'is not an AWS region such as eu-west-1').default('us-east-1'),
      profile: z.string().trim().max(120).default(''),
      endpoint: optionalUrl.default('')
    })
    .default({ region: 'us-east-1', profile: '', endpoint: '' }),
  slack: z
    .object({
      enabled: z.boolean().default(false),
      apiUrl: url.default('https://slack.com/api/'),
      alertsChannel: z.string().trim().max(80).default('')
    })
    .default({ enabled: false, apiUrl: 'https://slack.com/api/', alertsChannel: '' }),
  notify: z
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
    .default({
      socEmails: [],
      execEmails: [],
      socPhones: [],
      execPhones: [],
      smtpHost: '',
      smtpPort: 587,
      smtpSecure: false,
      smtpUser: '',
      from: 'virgil@localhost'
    })
})

export type Settings = z.infer<typeof settingsSchema>
export type SettingsSection = keyof Settings

export const SECRET_NAMES = [
  'virustotal.apiKey',
  'servicenow.password',
  'slack.botToken',
  'slack.appToken',
  'smtp.password',
  'alerts.token'
] as const
export type SecretName = (typeof SECRET_NAMES)[number]

export interface SettingsView {
  settings: Settings
  /** The renderer only learns whether a secret is set, never its value. */
  secrets: Record<SecretName, boolean>
}
