import type { Settings } from '../../../src/shared/settings'
import type { Incident } from '../../../src/shared/domain'
import { alertSourceToken, type Alerts } from '../../../src/main/core/alerts'
import type { Core } from '../../../src/main/app'
import { makeCore, type TestCore } from '../core/make-core'
import { AWS_TEST_CREDENTIALS, startAwsStandin, type AwsStandin } from '../../standins/aws/server'
import { startServiceNow, type ServiceNowStandin } from '../../standins/servicenow'
import { startSmtpStandin, type SmtpStandin } from '../../standins/smtp'
import { createSplunkSender, type SplunkSender } from '../../standins/splunk-sender'

export const SECRET = 'alert-master-secret-for-tests'
export const SOC_PHONE = '+447700900123'
export const EXEC_PHONE = '+447700900456'

export interface Rig {
  t: TestCore
  core: Core
  alerts: Alerts
  snow: ServiceNowStandin
  aws: AwsStandin
  smtp: SmtpStandin
  sender: SplunkSender
  splunkToken: string
  genericToken: string
  raised: { incidentId: string; number: string; title: string; priority: string; body: string }[]
  incidents(): Promise<Incident[]>
  roomText(incidentId: string): Promise<string[]>
  count(table: string): number
  /** Re-opens the core on the same data dir and installs alerts again (a restart). */
  restart(): Promise<void>
  dispose(): Promise<void>
}

export interface RigOptions {
  serviceNow?: boolean
  alerts?: Partial<Settings['alerts']>
  listen?: { headersTimeoutMs?: number; bodyTimeoutMs?: number; maxBodyBytes?: number }
  serviceNowTimeoutMs?: number
  awsTimeoutMs?: number
  smtpTimeoutMs?: number
}

/** A real core on a temp SQLite file, real loopback stand-ins for ServiceNow, AWS and SMTP, and alerts installed. */
export async function startRig(options: RigOptions = {}): Promise<Rig> {
  const [snow, aws, smtp] = await Promise.all([startServiceNow(), startAwsStandin({ region: 'eu-west-1' }), startSmtpStandin()])
  const overrides = {
    servicenow: { baseUrl: options.serviceNow === false ? '' : snow.url, user: 'virgil.integration', assignmentGroup: '' },
    aws: { region: 'eu-west-1', profile: '', endpoint: aws.url },
    notify: {
      socEmails: ['soc@example.com'],
      execEmails: ['ciso@example.com'],
      socPhones: [SOC_PHONE],
      execPhones: [EXEC_PHONE],
      smtpHost: smtp.host,
      smtpPort: smtp.port,
      smtpSecure: false,
      smtpUser: '',
      from: 'virgil@example.com'
    },
    alerts: { enabled: true, ...options.alerts }
  } as Partial<Settings>
  const t = makeCore({
    settingsOverrides: overrides,
    alerts: {
      clientOptions: {
        aws: { credentials: AWS_TEST_CREDENTIALS, timeoutMs: options.awsTimeoutMs ?? 2_000, maxAttempts: 1 },
        serviceNowTimeoutMs: options.serviceNowTimeoutMs ?? 2_000,
        ...(options.smtpTimeoutMs ? { smtpTimeoutMs: options.smtpTimeoutMs } : {})
      },
      listen: { port: 0, ...options.listen }
    }
  })
  const raised: Rig['raised'] = []
  let alerts!: Alerts
  let unsubscribe = (): void => {}
  const install = async (): Promise<void> => {
    const core = t.core
    await core.settings.setSecret('alerts.token', SECRET, core.actor())
    await core.settings.setSecret('servicenow.password', 'standin-password', core.actor())
    unsubscribe = core.bus.subscribe((event, payload) => {
      if (event === 'alert:raised') raised.push(payload as Rig['raised'][number])
    })
    alerts = core.alerts
    await alerts.ready()
  }
  await install()
  const sender = createSplunkSender(alerts.receiverUrl()!, alertSourceToken(SECRET, 'splunk'))
  const rig: Rig = {
    t,
    get core() {
      return t.core
    },
    get alerts() {
      return alerts
    },
    snow,
    aws,
    smtp,
    get sender() {
      return rigSender
    },
    splunkToken: alertSourceToken(SECRET, 'splunk'),
    genericToken: alertSourceToken(SECRET, 'generic'),
    raised,
    incidents: () => t.core.incidents.list('all'),
    async roomText(incidentId) {
      const { items } = await t.core.chat.timeline(incidentId, undefined, 500)
      return items.map((m) => m.text)
    },
    count: (table) => (t.core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
    async restart() {
      unsubscribe()
      await t.reopen()
      await install()
      await rigSender.close()
      rigSender = createSplunkSender(alerts.receiverUrl()!, rig.splunkToken)
    },
    async dispose() {
      unsubscribe()
      await rigSender.close()
      await t.dispose()
      await Promise.all([snow.close(), aws.close(), smtp.close()])
    }
  } as Rig
  let rigSender = sender
  return rig
}
