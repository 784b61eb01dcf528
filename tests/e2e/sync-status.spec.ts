import { test, expect } from '@playwright/test'
import { startNatsServer, type NatsServer } from '../support/nats-server'
import { removeDataDir, startServe, type ServeProcess } from './support/serve-process'
import { WarRoom } from './support/war-room'

let nats: NatsServer
let serve: ServeProcess

test.beforeEach(async () => {
  nats = await startNatsServer()
  serve = await startServe({ VIRGIL_NATS_URL: nats.url })
})

// eslint-disable-next-line no-empty-pattern -- Playwright reads fixtures from the pattern
test.afterEach(async ({}, info) => {
  if (info.status !== 'passed') console.log(serve.output())
  await serve.stop()
  await nats.dispose()
  removeDataDir(serve.dataDir)
})

test('the top bar says whether the team is reachable, since when not, and how much waits', async ({ page }) => {
  const room = new WarRoom(page)
  await room.open(serve.url)
  const pill = page.getByTestId('sync-pill')
  await expect(pill).toHaveText('Sync connected', { timeout: 15_000 })
  const number = await room.openIncident({ title: 'Beaconing from finance laptop', description: 'EDR flagged it', leader: 'Ana', impact: 'high', urgency: 'high' })
  expect(number).toMatch(/^INC\d{7}$/)
  await nats.stop()
  await expect(pill).toContainText(/Sync offline since \d\d:\d\d · \d+ events? waiting/, { timeout: 15_000 })
  await room.say('written while the team is away')
  await expect(pill).toHaveAttribute('data-state', 'down')
  await expect(pill).toContainText(/· [1-9]\d* events? waiting/, { timeout: 5_000 })
  await page.screenshot({ path: '/tmp/virgil-shots/sync-offline.png' })
  await nats.start()
  await expect(pill).toHaveText('Sync connected', { timeout: 20_000 })
})
