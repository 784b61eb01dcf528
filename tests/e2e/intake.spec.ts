import { test, expect } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { resolve } from 'node:path'
import { startVirusTotal, urlId, type VirusTotalStandin } from '../standins/virustotal'
import { dropFiles } from './support/drop-files'
import { removeDataDir, startServe, type ServeProcess } from './support/serve-process'
import { WarRoom } from './support/war-room'

let vt: VirusTotalStandin
let serve: ServeProcess
const eml = readFileSync(resolve('tests/fixtures/phishing.eml'))
const PHISH_URL = 'http://login-micros0ft.example.net/verify?u=mary'

test.beforeEach(async () => {
  vt = await startVirusTotal()
  vt.addObject('urls', urlId(PHISH_URL), { url: PHISH_URL, last_analysis_stats: { malicious: 9, suspicious: 1, harmless: 20, undetected: 40, timeout: 0 } })
  serve = await startServe({ VIRUSTOTAL_BASE_URL: vt.url, VIRGIL_UPLOAD_LIMIT_MB: '1' })
})

// eslint-disable-next-line no-empty-pattern -- Playwright reads fixtures from the pattern
test.afterEach(async ({}, info) => {
  if (info.status !== 'passed') console.log(serve.output())
  await serve.stop()
  await vt.close()
  removeDataDir(serve.dataDir)
})

test('a phishing email dropped into the room becomes a card: verdicts, hashes, one-click lookups, searchable', async ({ page }) => {
  const room = new WarRoom(page)
  await room.open(serve.url)
  await room.openIncident({ title: 'Reported phish: mailbox full', leader: 'Ana' })
  await room.setSecret('VirusTotal', 'virustotal.apiKey', vt.apiKey)

  await dropFiles(page.getByTestId('room'), [{ name: 'phishing.eml', bytes: eml, mime: 'message/rfc822' }])
  const card = page.getByTestId('evidence-card')
  await expect(card).toHaveAttribute('data-kind', 'email')
  await expect(card).toHaveAttribute('data-sha256', createHash('sha256').update(eml).digest('hex'))
  await expect(card.getByTestId('auth-spf')).toHaveAttribute('data-verdict', 'fail')
  await expect(card.getByTestId('auth-dkim')).toHaveAttribute('data-verdict', 'none')
  await expect(card.getByTestId('email-subject')).toHaveText('Action required: your mailbox is full')
  const attachment = card.getByTestId('email-attachment')
  await expect(attachment).toContainText('invoice-1997.pdf')
  await expect(attachment.getByTestId('hash-sha256')).toHaveText(/^[0-9a-f]{64}$/)
  await expect(attachment.getByTestId('hash-md5')).toHaveText(/^[0-9a-f]{32}$/)
  // Defanged in display; the body is text only, the <script> of the HTML part never reaches the page.
  await expect(card.getByTestId('email-url').first()).toContainText('hxxp://login-micros0ft[.]example[.]net/verify')
  await card.getByTestId('show-body').click()
  await expect(card.getByTestId('body-text')).toContainText('Your mailbox is full')
  await expect(card.getByTestId('body-text')).not.toContainText('<script')
  await expect(card.getByTestId('body-text')).toContainText('hxxp://login-micros0ft[.]example[.]net')
  await card.getByTestId('show-headers').click()
  await expect(card.getByTestId('raw-headers')).toContainText('Authentication-Results: inbound.example.com')
  await card.getByTestId('show-headers').click()
  await page.setViewportSize({ width: 1440, height: 1500 })
  await card.scrollIntoViewIfNeeded()
  await card.screenshot({ path: 'docs/screenshots/evidence-card.png' })

  await card.getByTestId('email-url').first().getByTestId('lookup').click()
  const block = room.lastCommand()
  await expect(block).toHaveAttribute('data-status', 'ok')
  await expect(block).toContainText('!vt url http://login-micros0ft.example.net/verify?u=mary')
  expect(vt.lookups).toContain(`urls/${urlId(PHISH_URL)}`)

  await page.keyboard.press('Control+k')
  await page.getByTestId('search-input').fill('mailbox is full')
  await expect(page.getByTestId('search-hit').filter({ hasText: 'mailbox' }).first()).toBeVisible()

  // Bad input in the same room: each says why in the room, and the room carries on.
  await dropFiles(page.getByTestId('room'), [
    { name: 'empty.txt', bytes: Buffer.alloc(0) },
    { name: 'memory.dmp', bytes: Buffer.alloc(2 * 1024 * 1024) }
  ])
  await expect(room.messages().filter({ hasText: 'Could not add "empty.txt": the file is empty' })).toBeVisible()
  await expect(room.messages().filter({ hasText: 'Could not add "memory.dmp": it is 2.0 MB and the limit is 1.0 MB' })).toBeVisible()
  await room.say('still here')
  await expect(room.messages().filter({ hasText: 'still here' })).toBeVisible()
})
