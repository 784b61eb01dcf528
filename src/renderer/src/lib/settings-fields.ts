import type { SecretName, SettingsSection } from '../../../shared/settings'

export type FieldKind = 'text' | 'url' | 'number' | 'bool' | 'list' | 'json'

export interface FieldSpec {
  /** Dotted for nested values, e.g. thresholds.cpuPercent. */
  key: string
  label: string
  kind: FieldKind
  hint?: string
}

export interface SectionSpec {
  id: SettingsSection
  title: string
  fields: FieldSpec[]
  secrets: { name: SecretName; label: string }[]
}

/** How each settings section is laid out on screen; the rules live in the shared schema. */
export const SETTINGS_SECTIONS: SectionSpec[] = [
  { id: 'analyst', title: 'Analyst', fields: [{ key: 'name', label: 'Your name', kind: 'text' }], secrets: [] },
  {
    id: 'virustotal',
    title: 'VirusTotal',
    fields: [
      { key: 'baseUrl', label: 'Base URL', kind: 'url' },
      { key: 'cacheTtlMinutes', label: 'Cache answers for (minutes)', kind: 'number' },
      { key: 'perMinute', label: 'Requests per minute', kind: 'number', hint: '4 on the free API' },
      { key: 'perDay', label: 'Requests per day', kind: 'number', hint: '500 on the free API' }
    ],
    secrets: [{ name: 'virustotal.apiKey', label: 'API key' }]
  },
  { id: 'rdap', title: 'RDAP (whois)', fields: [{ key: 'baseUrl', label: 'Base URL', kind: 'url' }], secrets: [] },
  {
    id: 'servicenow',
    title: 'ServiceNow',
    fields: [
      { key: 'baseUrl', label: 'Instance URL', kind: 'url', hint: 'Empty keeps tickets local' },
      { key: 'user', label: 'User', kind: 'text' },
      { key: 'assignmentGroup', label: 'Assignment group', kind: 'text' }
    ],
    secrets: [{ name: 'servicenow.password', label: 'Password' }]
  },
  {
    id: 'aws',
    title: 'AWS',
    fields: [
      { key: 'region', label: 'Region', kind: 'text' },
      { key: 'profile', label: 'Profile', kind: 'text' },
      { key: 'endpoint', label: 'Endpoint override', kind: 'url', hint: 'Usually empty' }
    ],
    secrets: []
  },
  {
    id: 'slack',
    title: 'Slack',
    fields: [
      { key: 'enabled', label: 'Mirror rooms to Slack', kind: 'bool' },
      { key: 'apiUrl', label: 'API URL', kind: 'url' },
      { key: 'alertsChannel', label: 'Alerts channel', kind: 'text' },
      { key: 'userMap', label: 'Analysts in Slack (JSON)', kind: 'json', hint: '{"Ana Ruiz": "U0123ABCD" or "ana@example.com"}' },
      { key: 'allowedRunners', label: 'Analysts who may run commands from Slack', kind: 'list', hint: 'Comma-separated names; empty means every mapped analyst' }
    ],
    secrets: [
      { name: 'slack.botToken', label: 'Bot token (xoxb-…)' },
      { name: 'slack.appToken', label: 'App token (xapp-…)' }
    ]
  },
  {
    id: 'notify',
    title: 'Notifications',
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
    secrets: [
      { name: 'smtp.password', label: 'SMTP password' }
    ]
  },
  {
    id: 'alerts',
    title: 'Alerts',
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
  },
  {
    id: 'sync',
    title: 'Team sync',
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
  },
  {
    id: 'sla',
    title: 'SLA targets',
    fields: (['P1', 'P2', 'P3', 'P4', 'P5'] as const).flatMap((p) => [
      { key: `${p}.ackMinutes`, label: `${p}: first action within (minutes)`, kind: 'number' as const },
      { key: `${p}.resolveMinutes`, label: `${p}: resolved within (minutes)`, kind: 'number' as const }
    ]),
    secrets: []
  }
]
