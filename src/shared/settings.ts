import { z } from 'zod'

const url = z.string().trim().url('must be a full URL such as https://example.com')
const optionalUrl = z.union([url, z.literal('')])
const emails = z.array(z.string().trim().email('is not an email address')).max(50)
const phones = z.array(z.string().trim().regex(/^\+[1-9]\d{6,14}$/, 'must be in E.164 form, e.g. +447700900123')).max(50)

const priorityName = z.enum(['P1', 'P2', 'P3', 'P4', 'P5'])

/** One alert rule: the first rule whose match fits an alert decides what it does (unset parts keep the defaults). */
export const alertRuleSchema = z.object({
  /** Alert source, e.g. splunk, guardduty, cloudwatch, or a generic sender's name; empty matches any. */
  source: z.string().trim().max(80).default(''),
  /** Case-insensitive substring of the alert type (Splunk: the search name); empty matches any. */
  type: z.string().trim().max(200).default(''),
  minSeverity: z.number().min(0).max(10).default(0),
  priority: priorityName.optional(),
  openIncident: z.boolean().optional(),
  ticket: z.boolean().optional(),
  notify: z.boolean().optional(),
  page: z.boolean().optional()
})
export type AlertRule = z.infer<typeof alertRuleSchema>

const ALERT_THRESHOLDS = { cpuPercent: 90, guarddutyMinSeverity: 7, guarddutyPollMinSeverity: 4, pollSeconds: 300 }
const ALERT_DEFAULTS = {
  enabled: false,
  host: '127.0.0.1',
  port: 0,
  requireSignature: false,
  leader: 'SOC on-call',
  pollAws: false,
  thresholds: ALERT_THRESHOLDS,
  rules: []
}

const alertsSchema = z.object({
  enabled: z.boolean().default(false),
  /** The interface the receiver listens on; keep loopback unless a SIEM on another host must reach it. */
  host: z.string().trim().min(1).max(255).default('127.0.0.1'),
  /** 0 keeps the receiver off. */
  port: z.number().int().min(0).max(65535).default(0),
  /** When on, only alerts signed with X-Virgil-Signature are accepted (Splunk cannot sign: leave off for it). */
  requireSignature: z.boolean().default(false),
  /** Investigation leader of incidents opened by alerts. */
  leader: z.string().trim().min(1).max(80).default('SOC on-call'),
  /** Poll GuardDuty findings and CloudWatch CPU alarms with the AWS settings above. */
  pollAws: z.boolean().default(false),
  thresholds: z
    .object({
      /** CPU alarms set at or above this percentage page the SOC. */
      cpuPercent: z.number().min(1).max(100).default(90),
      /** GuardDuty findings at or above this severity page the SOC. */
      guarddutyMinSeverity: z.number().min(1).max(10).default(7),
      /** GuardDuty findings below this severity are not fetched at all. */
      guarddutyPollMinSeverity: z.number().min(0).max(10).default(4),
      pollSeconds: z.number().int().min(30).max(86_400).default(300)
    })
    .default(ALERT_THRESHOLDS),
  rules: z.array(alertRuleSchema).max(100).default([])
})

/** SLA targets per priority, in minutes: time to the first analyst action, and to resolution. */
const slaTarget = (ackMinutes: number, resolveMinutes: number) =>
  z
    .object({
      ackMinutes: z.number().int().min(1, 'must be at least 1 minute').max(525_600).default(ackMinutes),
      resolveMinutes: z.number().int().min(1, 'must be at least 1 minute').max(5_256_000).default(resolveMinutes)
    })
    .default({ ackMinutes, resolveMinutes })
export const SLA_DEFAULTS = {
  P1: { ackMinutes: 15, resolveMinutes: 4 * 60 },
  P2: { ackMinutes: 30, resolveMinutes: 8 * 60 },
  P3: { ackMinutes: 4 * 60, resolveMinutes: 3 * 24 * 60 },
  P4: { ackMinutes: 8 * 60, resolveMinutes: 5 * 24 * 60 },
  P5: { ackMinutes: 24 * 60, resolveMinutes: 10 * 24 * 60 }
}
const slaSchema = z
  .object({
    P1: slaTarget(SLA_DEFAULTS.P1.ackMinutes, SLA_DEFAULTS.P1.resolveMinutes),
    P2: slaTarget(SLA_DEFAULTS.P2.ackMinutes, SLA_DEFAULTS.P2.resolveMinutes),
    P3: slaTarget(SLA_DEFAULTS.P3.ackMinutes, SLA_DEFAULTS.P3.resolveMinutes),
    P4: slaTarget(SLA_DEFAULTS.P4.ackMinutes, SLA_DEFAULTS.P4.resolveMinutes),
    P5: slaTarget(SLA_DEFAULTS.P5.ackMinutes, SLA_DEFAULTS.P5.resolveMinutes)
  })
  .default(SLA_DEFAULTS)

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
      alertsChannel: z.string().trim().max(80).default(''),
      /** Analyst name -> Slack user id (U…) or email: who gets invited, and who a Slack writer is. */
      userMap: z.record(z.string().trim().min(1).max(80), z.string().trim().min(1).max(254)).default({}),
      /** Analysts whose Slack accounts may run commands from Slack; empty lets every mapped analyst. */
      allowedRunners: z.array(z.string().trim().min(1).max(80)).max(200).default([])
    })
    .default({ enabled: false, apiUrl: 'https://slack.com/api/', alertsChannel: '', userMap: {}, allowedRunners: [] }),
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
    }),
  alerts: alertsSchema.default(ALERT_DEFAULTS),
  sla: slaSchema,
  sync: z
    .object({
      enabled: z.boolean().default(false),
      /** NATS servers, comma-separated: nats://10.0.0.5:4222,nats://10.0.0.6:4222 */
      servers: z
        .string()
        .trim()
        .max(2000)
        .refine((v) => v === '' || v.split(',').every((u) => /^(nats|tls|wss?):\/\/[^\s/]+$/.test(u.trim())), 'must be NATS URLs such as nats://10.0.0.5:4222, separated by commas')
        .default(''),
      stream: z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, 'may hold letters, digits, - and _ only').default('SOC_EVENTS'),
      subjectPrefix: z.string().trim().regex(/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/, 'is a dotted NATS subject such as soc.events').default('soc.events'),
      /** Restricted incidents travel on <restrictedPrefix>.<group>.<incident>, one stream per group. */
      restrictedPrefix: z.string().trim().regex(/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/, 'is a dotted NATS subject such as soc.restricted').default('soc.restricted'),
      /** The NATS user this workstation signs in as (its password is the sync.token secret); empty: token or no auth. */
      user: z.string().trim().max(200).default(''),
      /** Restricted groups this workstation reads (its NATS user must be allowed them), comma-separated. */
      groups: z.string().trim().regex(/^([a-z0-9_-]{1,40}(\s*,\s*[a-z0-9_-]{1,40})*)?$/, 'are group names such as insider, legal separated by commas').default(''),
      /** Copies of each stream: 3 on a 3-node cluster, 1 on a single server. */
      replicas: z.number().int().min(1).max(5).default(1)
    })
    .default({ enabled: false, servers: '', stream: 'SOC_EVENTS', subjectPrefix: 'soc.events', restrictedPrefix: 'soc.restricted', user: '', groups: '', replicas: 1 })
})

export type Settings = z.infer<typeof settingsSchema>
export type SettingsSection = keyof Settings

export const SECRET_NAMES = [
  'virustotal.apiKey',
  'servicenow.password',
  'slack.botToken',
  'slack.appToken',
  'smtp.password',
  'alerts.token',
  'sync.token',
  'sync.teamKey'
] as const
export type SecretName = (typeof SECRET_NAMES)[number]

export interface SettingsView {
  settings: Settings
  /** The renderer only learns whether a secret is set, never its value. */
  secrets: Record<SecretName, boolean>
}
