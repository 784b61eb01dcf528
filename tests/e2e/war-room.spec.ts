import { test, expect } from '@playwright/test'
import { startVirusTotal } from '../standins/virustotal'
import { servePerTest } from './support/serve-per-test'
import { WarRoom } from './support/war-room'

const rig = servePerTest(startVirusTotal, (vt) => ({ VIRUSTOTAL_BASE_URL: vt.url }), (vt) => vt.close())

test('an analyst opens an incident, chats, runs vtip, and finds it all after a restart', async ({ page }) => {
  const room = new WarRoom(page)
  await room.open(rig.serve.url)
  await expect(page.getByText('No incidents yet')).toBeVisible()

  const number = await room.openIncident({
    title: 'Beaconing from finance laptop',
    description: 'EDR flagged periodic connections to 8.8.8.8',
    leader: 'Ana',
    impact: 'high',
    urgency: 'high'
  })
  expect(number).toBe('INC0000001')
  await expect(page.getByTestId('bridge-banner')).toBeVisible()
  await expect(page.getByTestId('incident-row').first()).toHaveAttribute('data-number', 'INC0000001')

  await room.say('Pulling the proxy logs now')
  await expect(room.messages().filter({ hasText: 'Pulling the proxy logs now' })).toBeVisible()

  await room.setSecret('VirusTotal', 'virustotal.apiKey', rig.service.apiKey)
  await room.say('!vtip 8.8.8.8')
  const block = room.lastCommand()
  await expect(block).toHaveAttribute('data-status', 'ok')
  await expect(block.getByTestId('command-output')).toContainText('8.8.8.8')
  expect(rig.service.lookups).toContain('ip_addresses/8.8.8.8')
  await block.getByTestId('output-raw').click()
  await expect(block).toContainText('last_analysis_stats')

  rig.serve = await rig.serve.restart()
  await room.open(rig.serve.url)
  await page.getByTestId('incident-row').first().click()
  await expect(room.messages().filter({ hasText: 'Pulling the proxy logs now' })).toBeVisible()
  await expect(room.lastCommand()).toHaveAttribute('data-status', 'ok')
  await expect(room.lastCommand().getByTestId('command-output')).toContainText('8.8.8.8')
})

test('bad input gets words, not stack traces', async ({ page }) => {
  const room = new WarRoom(page)
  await room.open(rig.serve.url)
  await page.getByTestId('new-incident').first().click()
  await page.getByTestId('incident-title').fill('No leader given')
  await page.getByTestId('incident-leader').fill('')
  await page.getByTestId('incident-submit').click()
  await expect(page.getByTestId('form-error')).toContainText(/leader/i)
  await page.getByTestId('incident-leader').fill('Ana')
  await page.getByTestId('incident-submit').click()
  await expect(page.getByTestId('room-header')).toContainText('No leader given')

  await room.say('!vtip 8.8.8.8')
  await expect(room.lastCommand()).toHaveAttribute('data-status', 'error')
  await expect(room.lastCommand()).toContainText('API key')

  await room.say('!vtip not-an-ip')
  await expect(room.lastCommand()).toHaveAttribute('data-status', 'error')
  await expect(room.lastCommand()).toContainText('Usage: !vtip <ip>')

  await room.say('!defang http://evil.example/$(id); rm -rf /')
  await expect(room.lastCommand()).toContainText('hxxp://evil[.]example/$(id); rm -rf /')
})

test('a plain line is chat even when it starts with a command word; ! runs it', async ({ page }) => {
  const room = new WarRoom(page)
  await room.open(rig.serve.url)
  await room.openIncident({ title: 'Header question', leader: 'Ana', impact: 'low', urgency: 'low' })

  await room.composer().fill('Help me read this header')
  await expect(page.getByTestId('composer-offer-run')).toContainText('Run as command? Ctrl+Enter')
  await room.composer().press('Enter')
  await expect(room.messages().filter({ hasText: 'Help me read this header' })).toHaveAttribute('data-kind', 'chat')

  await room.composer().fill('!help')
  await expect(page.getByTestId('composer-will-run')).toContainText('!help [command]')
  await room.composer().press('Enter')
  await expect(room.lastCommand()).toHaveAttribute('data-status', 'ok')
  await expect(room.lastCommand().getByTestId('command-output')).toContainText('!vtip <ip>')

  // Tab on a plain command word inserts the prefix; Ctrl+Enter runs a plain line as a command.
  await room.composer().fill('defa')
  await room.composer().press('Tab')
  await expect(room.composer()).toHaveValue('!defang ')
  await room.composer().fill('hash abc')
  await room.composer().press('Control+Enter')
  await expect(room.lastCommand()).toContainText('!hash abc')
  await expect(room.lastCommand()).toHaveAttribute('data-status', 'ok')
  expect(await page.locator('[data-testid="message"][data-kind="command"]').count()).toBe(2)
})

test('a link with a wrong token says so instead of reconnecting forever', async ({ page }) => {
  await page.goto(rig.serve.url.replace(/token=[^&]+/, 'token=not-the-token'))
  await expect(page.getByTestId('connection')).toContainText('token was refused')
})
