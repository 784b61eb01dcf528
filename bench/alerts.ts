/**
 * Alert pipeline against loopback stand-ins (ServiceNow, AWS, SMTP) on a real core and SQLite file.
 * 1. Latency: a signed Splunk alert received → incident stored, notification raised, ServiceNow ticket created.
 * 2. Burst: 1,000 alerts with 30% duplicates: throughput, and one incident and one ticket per distinct alert.
 * Prints `name: value unit` lines; never fails on time.
 *   node --import tsx bench/alerts.ts
 */
import { performance } from 'node:perf_hooks'
import { settingsSchema } from '../src/shared/settings'
import { alertSourceToken } from '../src/main/core/alerts'
import { makeCore } from '../tests/unit/core/make-core'
import { AWS_TEST_CREDENTIALS, startAwsStandin } from '../tests/standins/aws/server'
import { startServiceNow } from '../tests/standins/servicenow'
import { startSmtpStandin } from '../tests/standins/smtp'
import { createSplunkSender, splunkPayload } from '../tests/standins/splunk-sender'

const LATENCY_ALERTS = 200
const BURST = 1_000
const DUPLICATE_SHARE = 0.3
const CONCURRENCY = 50
const SECRET = 'bench-alert-secret'

const percentile = (xs: number[], p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0
}
const line = (name: string, value: number, unit: string): void => console.log(`${name}: ${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`)

async function main(): Promise<void> {
  const [snow, aws, smtp] = await Promise.all([startServiceNow(), startAwsStandin({ region: 'eu-west-1' }), startSmtpStandin()])
  const t = makeCore({
    settingsOverrides: {
      servicenow: { baseUrl: snow.url, user: 'virgil.integration', assignmentGroup: '' },
      aws: { region: 'eu-west-1', profile: '', endpoint: aws.url },
      notify: { socEmails: ['soc@example.com'], execEmails: [], socPhones: ['+447700900123'], execPhones: [], smtpHost: smtp.host, smtpPort: smtp.port, smtpSecure: false, smtpUser: '', from: 'virgil@example.com' },
      alerts: { ...settingsSchema.parse({}).alerts, enabled: true }
    },
    alerts: { clientOptions: { aws: { credentials: AWS_TEST_CREDENTIALS, timeoutMs: 5_000 } }, listen: { port: 0 } }
  })
  const { core } = t
  await core.settings.setSecret('alerts.token', SECRET, core.actor())
  await core.settings.setSecret('servicenow.password', 'standin-password', core.actor())
  const alerts = core.alerts
  await alerts.ready()
  const token = alertSourceToken(SECRET, 'splunk')
  const sender = createSplunkSender(alerts.receiverUrl()!, token)

  // When each incident got its notification and its ticket.
  const raisedAt = new Map<string, number>()
  const ticketAt = new Map<string, number>()
  const waiters = new Map<string, () => void>()
  const settle = (id: string): void => {
    if (raisedAt.has(id) && ticketAt.has(id)) waiters.get(id)?.()
  }
  const unsubscribe = core.bus.subscribe((event, payload) => {
    if (event !== 'alert:raised') return
    const id = (payload as { incidentId: string }).incidentId
    raisedAt.set(id, performance.now())
    settle(id)
  })
  const stopListening = core.log.onCommit((events) => {
    for (const e of events) {
      if (e.type !== 'ticket.created' || !e.incidentId) continue
      ticketAt.set(e.incidentId, performance.now())
      settle(e.incidentId)
    }
  })

  // 1. Latency, one alert at a time.
  const stored: number[] = []
  const raised: number[] = []
  const ticketed: number[] = []
  const total: number[] = []
  for (let i = 0; i < LATENCY_ALERTS; i++) {
    const started = performance.now()
    const reply = await sender.splunk(splunkPayload({ result: { host: `web-${i}`, severity: 'medium' } }), { sign: { key: token } })
    const answered = performance.now()
    const id = (reply.body as { incidentId: string }).incidentId
    await new Promise<void>((resolve) => {
      waiters.set(id, resolve)
      settle(id)
    })
    waiters.delete(id)
    stored.push(answered - started)
    raised.push((raisedAt.get(id) ?? answered) - started)
    ticketed.push((ticketAt.get(id) ?? answered) - started)
    total.push(Math.max(answered, raisedAt.get(id) ?? 0, ticketAt.get(id) ?? 0) - started)
  }
  line('alert → incident stored (HTTP answered) p50', percentile(stored, 0.5), 'ms')
  line('alert → incident stored (HTTP answered) p99', percentile(stored, 0.99), 'ms')
  line('alert → notification raised p50', percentile(raised, 0.5), 'ms')
  line('alert → notification raised p99', percentile(raised, 0.99), 'ms')
  line('alert → ServiceNow ticket created p50', percentile(ticketed, 0.5), 'ms')
  line('alert → ServiceNow ticket created p99', percentile(ticketed, 0.99), 'ms')
  line('alert → all three p50', percentile(total, 0.5), 'ms')
  line('alert → all three p99 (target < 500)', percentile(total, 0.99), 'ms')

  // 2. Burst: 700 distinct alerts, 300 of them sent again, shuffled, 50 in flight.
  const incidentsBefore = (await core.incidents.list('all')).length
  const ticketsBefore = snow.incidents.length
  const distinct = Math.round(BURST * (1 - DUPLICATE_SHARE))
  const unique = Array.from({ length: distinct }, (_, i) => splunkPayload({ search_name: 'Burst search', result: { host: `burst-${i}`, severity: 'medium' } }))
  const sends = [...unique, ...Array.from({ length: BURST - distinct }, (_, i) => unique[(i * 7) % distinct]!)]
  for (let i = sends.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[sends[i], sends[j]] = [sends[j]!, sends[i]!]
  }
  const statuses = new Map<number, number>()
  let next = 0
  const burstStart = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < sends.length) {
        const payload = sends[next++]!
        const reply = await sender.splunk(payload)
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1)
      }
    })
  )
  const acceptedMs = performance.now() - burstStart
  await core.outbox.drain(120_000)
  const drainedMs = performance.now() - burstStart
  const incidents = (await core.incidents.list('all')).length - incidentsBefore
  const burstTickets = snow.incidents.slice(ticketsBefore)
  line('burst alerts sent', sends.length, 'alerts')
  line('burst distinct alerts', distinct, 'alerts')
  line('burst answered 202 (new)', statuses.get(202) ?? 0, 'alerts')
  line('burst answered 200 (duplicate)', statuses.get(200) ?? 0, 'alerts')
  line('burst other answers', sends.length - (statuses.get(202) ?? 0) - (statuses.get(200) ?? 0), 'alerts')
  line('burst intake throughput', (sends.length / acceptedMs) * 1000, 'alerts/s')
  line('burst until last ticket filed', drainedMs, 'ms')
  line('burst incidents opened', incidents, 'incidents')
  line('burst ServiceNow tickets', burstTickets.length, 'tickets')
  line('burst distinct ticket correlation ids', new Set(burstTickets.map((r) => r.correlation_id)).size, 'ids')
  line('burst one incident and one ticket per distinct alert', incidents === distinct && burstTickets.length === distinct ? 1 : 0, 'bool')

  unsubscribe()
  stopListening()
  await sender.close()
  await alerts.close()
  await t.dispose()
  await Promise.all([snow.close(), aws.close(), smtp.close()])
}

await main()
