import { test, expect } from '@playwright/test'
import { removeDataDir, startServe, type ServeProcess } from './support/serve-process'
import { WarRoom } from './support/war-room'

let serve: ServeProcess
// Port 9 (discard) has no listener on loopback: every call is refused, as when a service is down.
const DOWN = 'http://127.0.0.1:9'

test.beforeEach(async () => {
  serve = await startServe({ VIRUSTOTAL_BASE_URL: DOWN, RDAP_BASE_URL: DOWN })
})

// eslint-disable-next-line no-empty-pattern -- Playwright reads fixtures from the pattern
test.afterEach(async ({}, info) => {
  if (info.status !== 'passed') console.log(serve.output())
  await serve.stop()
  removeDataDir(serve.dataDir)
})

test('the top bar lists each service that is down, each in its own words, worst first', async ({ page }) => {
  const room = new WarRoom(page)
  await room.open(serve.url)
  await room.openIncident({ title: 'Two lookups down', description: 'VirusTotal and RDAP unreachable', leader: 'Ana', impact: 'low', urgency: 'low' })
  await room.setSecret('VirusTotal', 'virustotal.apiKey', 'status-bar-test-key')
  await room.say('!vtip 8.8.8.8')
  await expect(room.lastCommand()).toHaveAttribute('data-status', 'error')
  await room.say('!whois example.com')
  await expect(room.lastCommand()).toHaveAttribute('data-status', 'error')

  const pills = page.locator('[data-testid="status-pill"]')
  const vt = page.locator('[data-testid="status-pill"][data-service="VirusTotal"]')
  const rdap = page.locator('[data-testid="status-pill"][data-service="RDAP"]')
  await expect(vt).toHaveAttribute('data-state', 'down')
  await expect(rdap).toHaveAttribute('data-state', 'down')
  await expect(vt).toHaveText('VirusTotal down')
  await expect(rdap).toHaveText('RDAP down')
  await expect(vt).toHaveAttribute('title', /VirusTotal: down — .*ECONNREFUSED|VirusTotal: down — .*reach/)
  // Trouble first: the two labelled pills lead, the quiet dots follow.
  const states = await pills.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))
  expect(states.slice(0, 2)).toEqual(['down', 'down'])
  expect(states.slice(2).every((s) => s === 'ok' || s === 'off')).toBe(true)
  await page.locator('.status-pills').screenshot({ path: test.info().outputPath('status-bar.png') })
  await page.screenshot({ path: test.info().outputPath('status-bar-page.png') })
})
