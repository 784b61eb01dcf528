import { test, expect } from '@playwright/test'
import { startNatsServer } from '../support/nats-server'
import { servePerTest } from './support/serve-per-test'
import { WarRoom } from './support/war-room'

const rig = servePerTest(startNatsServer, (n) => ({ VIRGIL_NATS_URL: n.url }), (n) => n.dispose())

test('the top bar says whether the team is reachable, since when not, and how much waits', async ({ page }) => {
  const room = new WarRoom(page)
  await room.open(rig.serve.url)
  const pill = page.getByTestId('sync-pill')
  await expect(pill).toHaveText('Sync connected', { timeout: 15_000 })
  const number = await room.openIncident({ title: 'Beaconing from finance laptop', description: 'EDR flagged it', leader: 'Ana', impact: 'high', urgency: 'high' })
  expect(number).toMatch(/^INC\d{7}$/)
  await rig.service.stop()
  await expect(pill).toContainText(/Sync offline since \d\d:\d\d · \d+ events? waiting/, { timeout: 15_000 })
  await room.say('written while the team is away')
  await expect(pill).toHaveAttribute('data-state', 'down')
  await expect(pill).toContainText(/· [1-9]\d* events? waiting/, { timeout: 5_000 })
  await page.screenshot({ path: '/tmp/virgil-shots/sync-offline.png' })
  await rig.service.start()
  await expect(pill).toHaveText('Sync connected', { timeout: 20_000 })
})
