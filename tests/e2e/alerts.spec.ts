import { test, expect } from '@playwright/test'
import { alertSourceToken } from '../../src/main/core/alerts/auth'
import { startServiceNow, type ServiceNowStandin } from '../standins/servicenow'
import { createSplunkSender, signBody, splunkPayload, type SplunkSender } from '../standins/splunk-sender'
import { freePort } from '../support/free-port'
import { removeDataDir, startServe, type ServeProcess } from './support/serve-process'
import { WarRoom } from './support/war-room'

const SECRET = 'e2e-alert-webhook-secret-0123456789'
const SPLUNK_TOKEN = alertSourceToken(SECRET, 'splunk')

let snow: ServiceNowStandin
let serve: ServeProcess
let receiverUrl: string
let sender: SplunkSender

test.beforeEach(async () => {
  snow = await startServiceNow()
  const port = await freePort()
  receiverUrl = `http://127.0.0.1:${port}`
  serve = await startServe({ SERVICENOW_BASE_URL: snow.url, VIRGIL_ALERTS_PORT: String(port) })
  sender = createSplunkSender(receiverUrl, SPLUNK_TOKEN)
})

// eslint-disable-next-line no-empty-pattern -- Playwright reads fixtures from the pattern
test.afterEach(async ({}, info) => {
  if (info.status !== 'passed') console.log(serve.output())
  await sender.close()
  await serve.stop()
  await snow.close()
  removeDataDir(serve.dataDir)
})

/** What the SOC lead does once: ServiceNow user and password, and the alert webhook token, in Settings. */
async function setUp(room: WarRoom): Promise<void> {
  await room.open(serve.url)
  await room.saveSettings('ServiceNow', { User: 'virgil.integration' })
  await room.setSecret('ServiceNow', 'servicenow.password', 'standin-password')
  await room.setSecret('Alerts', 'alerts.token', SECRET)
  // The receiver answers 404 on / once it listens.
  await expect.poll(() => fetch(receiverUrl).then((r) => r.status, () => 0)).toBe(404)
}

test('a signed Splunk alert opens an incident, raises a toast and files exactly one ServiceNow ticket', async ({ page }) => {
  const room = new WarRoom(page)
  await setUp(room)

  const payload = splunkPayload({ result: { host: 'web-01', src: '203.0.113.7', user: 'root', count: '412', severity: 'high' } })
  const reply = await sender.splunk(payload, { sign: { key: SPLUNK_TOKEN } })
  expect(reply.status).toBe(202)
  const { number, alertId } = reply.body as { number: string; alertId: string }
  expect(number).toBe('INC0000001')

  // Severity "high" is 8: the default rules make it P2.
  const title = 'Splunk: Brute force against SSH on web-01'
  const toast = page.getByTestId('toast').filter({ hasText: `P2 ${number}: ${title}` })
  await expect(toast).toBeVisible()
  await expect(toast).toHaveAttribute('data-tone', 'alert')
  await expect(toast).toContainText('splunk · severity 8 (high)')
  const row = room.incidentRow(number)
  await expect(row).toBeVisible()
  await expect(row).toContainText('P2')
  await expect(row).toContainText(title)
  await expect(row).toContainText('SOC on-call')

  await toast.locator('.toast-body').click()
  const header = page.getByTestId('room-header')
  await expect(header).toHaveAttribute('data-number', number)
  await expect(header).toContainText('via Alert')
  await expect(page.getByTestId('bridge-banner')).toBeVisible()
  const ticket = page.getByTestId('ticket-link')
  await expect(ticket).toHaveText(/^INC\d{7}$/)
  expect(snow.incidents).toHaveLength(1)
  const filed = snow.incidents[0]!
  await expect(ticket).toHaveText(filed.number!)
  expect(await ticket.getAttribute('href')).toContain(filed.sys_id)
  expect(filed.correlation_id).toBe(alertId)
  expect(filed.short_description).toBe(`${number} ${title}`)
  expect(filed.sys_created_by).toBe('virgil.integration')
  expect(filed.description).toContain(`Virgil incident ${number} (priority P2)`)
  await page.screenshot({ path: '/tmp/virgil-shots/alert-opened-incident.png' })

  // Splunk retries a delivery it thinks failed: freshly signed, same alert. Still one incident, one ticket.
  const again = await sender.splunk(payload, { sign: { key: SPLUNK_TOKEN, timestampSec: Math.floor(Date.now() / 1000) + 1 } })
  expect(again.status).toBe(200)
  expect(again.body).toMatchObject({ ok: true, duplicate: true, alertId })
  await page.reload()
  await expect(room.incidentRow(number)).toBeVisible()
  await expect(page.getByTestId('incident-row')).toHaveCount(1)
  expect(snow.incidents).toHaveLength(1)
})

test('forged alerts get 401 and leave no incident and no ticket behind', async ({ page }) => {
  const room = new WarRoom(page)
  await setUp(room)
  const body = JSON.stringify(splunkPayload())
  const now = Math.floor(Date.now() / 1000)

  const forgeries = [
    ['a wrong token in the path', sender.raw(body, { path: `/alerts/splunk/${alertSourceToken('not-our-secret', 'splunk')}` })],
    ['no token at all', sender.raw(body, { path: '/alerts/splunk' })],
    ['a signature made with another key', sender.raw(body, { sign: { key: 'attacker-key', timestampSec: now } })],
    ['a body altered after signing', sender.raw(body.replace('web-01', 'dc-01'), { sign: { key: SPLUNK_TOKEN, timestampSec: now, signature: signBody(SPLUNK_TOKEN, now, body) } })],
    ['the Splunk token on the generic endpoint', sender.generic({ source: 'x', type: 'y', severity: 9, title: 'forged', occurredAt: new Date().toISOString() })]
  ] as const
  for (const [what, sent] of forgeries) {
    const reply = await sent
    expect(reply.status, what).toBe(401)
    expect(reply.body, what).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
  }

  expect(snow.incidents).toHaveLength(0)
  await page.reload()
  await expect(page.getByText('No incidents yet')).toBeVisible()
  await expect(page.getByTestId('toast')).toHaveCount(0)

  // A genuine alert afterwards takes the FIRST incident number: the forgeries allocated nothing.
  const genuine = await sender.splunk(splunkPayload(), { sign: { key: SPLUNK_TOKEN } })
  expect(genuine.status).toBe(202)
  expect(genuine.body).toMatchObject({ number: 'INC0000001' })
  await expect(room.incidentRow('INC0000001')).toBeVisible()
  await expect(page.getByTestId('incident-row')).toHaveCount(1)
  await expect(page.getByTestId('toast')).toHaveCount(1)
  await room.incidentRow('INC0000001').click()
  await expect(page.getByTestId('ticket-link')).toBeVisible()
  expect(snow.incidents).toHaveLength(1)
})
