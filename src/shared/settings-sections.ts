import { z } from 'zod'
import { defineSettings } from './integrations/settings-spec'

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

export const analystSettings = defineSettings({
  section: 'analyst',
  title: 'Analyst',
  schema: z.object({ name: z.string().trim().min(1).max(80).default('Analyst') }).prefault({}),
  fields: [{ key: 'name', label: 'Your name', kind: 'text' }],
  secrets: []
})

export const alertsSettings = defineSettings({
  section: 'alerts',
  title: 'Alerts',
  schema: z
    .object({
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
        .prefault({}),
      rules: z.array(alertRuleSchema).max(100).default([])
    })
    .prefault({}),
  fields: [
    { key: 'enabled', label: 'Receive alerts (Splunk, GuardDuty, CloudWatch, webhooks)', kind: 'bool' },
    { key: 'host', label: 'Listen on host', kind: 'text', hint: 'Keep 127.0.0.1 unless a SIEM on another host must reach it' },
    { key: 'port', label: 'Port', kind: 'number', hint: '0 keeps the receiver off' },
    { key: 'requireSignature', label: 'Accept only signed alerts (X-Virgil-Signature)', kind: 'bool' },
    { key: 'leader', label: 'Leader of incidents opened by alerts', kind: 'text' },
    { key: 'pollAws', label: 'Poll GuardDuty and CloudWatch with the AWS settings', kind: 'bool' },
    { key: 'thresholds.cpuPercent', label: 'Page at CPU %', kind: 'number' },
    { key: 'thresholds.guarddutyMinSeverity', label: 'Page at GuardDuty severity', kind: 'number' },
    { key: 'thresholds.guarddutyPollMinSeverity', label: 'Fetch GuardDuty findings from severity', kind: 'number' },
    { key: 'thresholds.pollSeconds', label: 'Poll every (seconds)', kind: 'number' },
    { key: 'rules', label: 'Rules (JSON list)', kind: 'json', hint: 'First match decides: {"source","type","minSeverity","priority","openIncident","ticket","notify","page"}' }
  ],
  secrets: [{ name: 'alerts.token', label: 'Alert webhook token' }]
})

const subject = (example: string) => z.string().trim().regex(/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/, `is a dotted NATS subject such as ${example}`)

export const syncSettings = defineSettings({
  section: 'sync',
  title: 'Team sync',
  schema: z
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
      subjectPrefix: subject('soc.events').default('soc.events'),
      /** Restricted incidents travel on <restrictedPrefix>.<group>.<incident>, one stream per group. */
      restrictedPrefix: subject('soc.restricted').default('soc.restricted'),
      /** The NATS user this workstation signs in as (its password is the sync.token secret); empty: token or no auth. */
      user: z.string().trim().max(200).default(''),
      /** Restricted groups this workstation reads (its NATS user must be allowed them), comma-separated. */
      groups: z.string().trim().regex(/^([a-z0-9_-]{1,40}(\s*,\s*[a-z0-9_-]{1,40})*)?$/, 'are group names such as insider, legal separated by commas').default(''),
      /** Copies of each stream: 3 on a 3-node cluster, 1 on a single server. */
      replicas: z.number().int().min(1).max(5).default(1)
    })
    .prefault({}),
  fields: [
    { key: 'enabled', label: 'Replicate incidents with the team over NATS JetStream', kind: 'bool' },
    { key: 'servers', label: 'NATS servers', kind: 'text', hint: 'nats://10.0.0.5:4222,nats://10.0.0.6:4222' },
    { key: 'stream', label: 'Stream', kind: 'text' },
    { key: 'subjectPrefix', label: 'Subject prefix', kind: 'text', hint: 'Events go to <prefix>.<incident>' },
    { key: 'restrictedPrefix', label: 'Restricted subject prefix', kind: 'text', hint: 'Restricted incidents go to <prefix>.<group>.<incident>' },
    { key: 'user', label: 'NATS user', kind: 'text', hint: 'Its password is the NATS token below; empty for token-only servers' },
    { key: 'groups', label: 'Restricted groups this workstation reads', kind: 'text', hint: 'insider, legal (the NATS user must be allowed them)' },
    { key: 'replicas', label: 'Stream replicas', kind: 'number', hint: '3 on a 3-node cluster' }
  ],
  secrets: [
    { name: 'sync.token', label: 'NATS token or password' },
    { name: 'sync.teamKey', label: 'Team key (content hash of every replicated event)' }
  ]
})
