import { test, expect } from '@playwright/test'
import { removeDataDir, startServe, type ServeProcess } from './support/serve-process'
import { WarRoom } from './support/war-room'

let serve: ServeProcess

test.beforeEach(async () => {
  serve = await startServe()
})

// eslint-disable-next-line no-empty-pattern -- Playwright reads fixtures from the pattern
test.afterEach(async ({}, info) => {
  if (info.status !== 'passed') console.log(serve.output())
  await serve.stop()
  removeDataDir(serve.dataDir)
})

/** Three phishing cases the team already worked, each with the same offline triage, then closed. */
const HISTORY = [
  { title: 'Phishing mail to finance with invoice link', leader: 'Ana', link: 'http://invoice-payments.example/view', sender: 'billing@invoice-payments.example', file: 'invoice_0423.pdf.exe' },
  { title: 'Phishing mail to payroll with invoice link', leader: 'Ana', link: 'http://payroll-update.example/login', sender: 'hr@payroll-update.example', file: 'payslip.docm' },
  { title: 'Phishing mail to sales with fake invoice link', leader: 'Ben', link: 'http://secure-invoices.example/pay', sender: 'ap@secure-invoices.example', file: 'invoice_9981.zip' }
]

test('a new phishing room suggests what the team ran before, with reasons, and a click runs it', async ({ page }) => {
  const room = new WarRoom(page)
  await room.open(serve.url)

  for (const past of HISTORY) {
    await room.openIncident({
      title: past.title,
      description: `User forwarded a mail from ${past.sender} with a link to ${past.link} and an attachment ${past.file}`,
      leader: past.leader,
      impact: 'medium',
      urgency: 'medium'
    })
    await room.run(`ioc extract ${past.link} sent by ${past.sender}`)
    await room.run(`defang ${past.link}`)
    await room.run(`hash ${past.file}`)
    await room.setStatus('closed')
  }

  await room.openIncident({
    title: 'Phishing mail to legal with invoice link',
    description: 'User forwarded a mail from billing@legal-invoices.example with a link to http://legal-invoices.example/doc',
    leader: 'Cleo',
    impact: 'medium',
    urgency: 'medium'
  })
  const panel = page.getByTestId('suggestions')
  const first = room.suggestions().first()
  // The team opened every phishing case with ioc extract: that leads, and says why.
  await expect(first).toHaveAttribute('data-command', 'ioc extract')
  await expect(first.locator('.suggestion-reason')).toHaveText(/^ran first in [23] of [23] similar email incidents$/)
  const commands = await room.suggestions().evaluateAll((els) => els.map((e) => e.getAttribute('data-command')))
  expect(commands).toEqual(expect.arrayContaining(['ioc extract', 'defang', 'hash']))
  const similar = panel.getByTestId('similar-incident')
  await expect(similar.first()).toContainText(/INC000000[123] Phishing mail to \w+ with (fake )?invoice link · closed/)
  await expect(panel.getByRole('listitem').filter({ hasText: /^(Ana|Ben) · \d similar$/ }).first()).toBeVisible()
  await page.screenshot({ path: '/tmp/virgil-shots/suggestions-with-history.png' })

  // The flow the similar cases followed names them by number.
  await expect(panel.getByText(/^As in INC\d{7}/)).toBeVisible()

  // defang comes pre-filled with the link from this incident's description.
  const defang = room.suggestions().and(page.locator('[data-command="defang"]'))
  await expect(defang.locator('code')).toHaveText('!defang http://legal-invoices.example/doc')
  await expect(defang.locator('.suggestion-reason')).not.toBeEmpty()
  await defang.click()
  await expect(room.composer()).toHaveValue('!defang http://legal-invoices.example/doc')
  await expect(room.composer()).toBeFocused()
  await room.composer().press('Enter')
  const block = room.lastCommand()
  await expect(block).toHaveAttribute('data-status', 'ok')
  await expect(block.getByTestId('command-output')).toContainText('hxxp://legal-invoices[.]example/doc')
  await expect(room.composer()).toHaveValue('')

  // The sidebar follows the room: the flow ticks defang off.
  await expect(panel.locator('.flow-list li.done')).toHaveText(['✓defang'])

  // The README's picture of a war room: chat, commands with their output, the sidebar beside them.
  await room.say('Mail gateway shows 14 recipients in legal; pulling the headers now')
  await room.run('ioc extract mail from billing@legal-invoices.example via 198.51.100.23 linking http://legal-invoices.example/doc')
  await room.run('hash invoice_7731.pdf.exe')
  await expect(room.composer()).toHaveValue('')
  // What the room already ran goes after what it has not: the sidebar leads with a fresh line.
  const ranHere = /^!(ioc extract|hash|defang http:\/\/legal-invoices\.example\/doc)$/
  await expect.poll(async () => (await room.suggestions().locator('code').first().textContent()) ?? '').not.toMatch(ranHere)
  await page.screenshot({ path: 'docs/screenshots/war-room.png' })
})
