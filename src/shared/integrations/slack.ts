import { z } from 'zod'
import { defineSettings, url } from './settings-spec'

export const slackSettings = defineSettings({
  section: 'slack',
  title: 'Slack',
  schema: z
    .object({
      enabled: z.boolean().default(false),
      apiUrl: url.default('https://slack.com/api/'),
      alertsChannel: z.string().trim().max(80).default(''),
      /** Analyst name -> Slack user id (U…) or email: who gets invited, and who a Slack writer is. */
      userMap: z.record(z.string().trim().min(1).max(80), z.string().trim().min(1).max(254)).default({}),
      /** Analysts whose Slack accounts may run commands from Slack; empty lets every mapped analyst. */
      allowedRunners: z.array(z.string().trim().min(1).max(80)).max(200).default([])
    })
    .prefault({}),
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
})
