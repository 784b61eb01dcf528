import AxeBuilder from '@axe-core/playwright'
import { test, expect, type Page } from '@playwright/test'
import { startVirusTotal, type VirusTotalStandin } from '../standins/virustotal'
import { removeDataDir, startServe, type ServeProcess } from './support/serve-process'
import { WarRoom } from './support/war-room'

let vt: VirusTotalStandin
let serve: ServeProcess

test.beforeEach(async () => {
  vt = await startVirusTotal()
  serve = await startServe({ VIRUSTOTAL_BASE_URL: vt.url })
})

// eslint-disable-next-line no-empty-pattern -- Playwright reads fixtures from the pattern
test.afterEach(async ({}, info) => {
  if (info.status !== 'passed') process.stdout.write(serve.output())
  await serve.stop()
  await vt.close()
  removeDataDir(serve.dataDir)
})

/** axe-core's WCAG 2.1 A/AA rules over what is on screen now; each violation named with its nodes. */
async function axeClean(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const found = result.violations.map((v) => `${screen}: ${v.id} (${v.impact ?? '?'}) ${v.help}\n    ${v.nodes.map((n) => `${n.target.join(' ')} ${v.id === 'color-contrast' ? (n.any[0]?.message ?? '') : ''}`).slice(0, 5).join('\n    ')}`)
  expect.soft(found, found.join('\n')).toEqual([])
}

test('every screen is clean under axe-core, and focus is visible', async ({ page }) => {
  const room = new WarRoom(page)
  await room.open(serve.url)
  await expect(page.getByText('No incidents yet')).toBeVisible()
  await axeClean(page, 'first run')

  await page.getByTestId('new-incident').first().click()
  await expect(page.getByTestId('incident-form')).toBeVisible()
  await axeClean(page, 'new incident form')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('incident-form')).toBeHidden()

  await room.openIncident({ title: 'Beaconing from finance laptop', description: 'EDR flagged 8.8.8.8', leader: 'Ana', impact: 'high', urgency: 'high' })
  await room.say('Pulling the proxy logs now')
  await room.setSecret('VirusTotal', 'virustotal.apiKey', vt.apiKey)
  await room.run('vtip 8.8.8.8')
  await room.composer().fill('!vt')
  await axeClean(page, 'war room with a command, completions and suggestions')
  await page.screenshot({ path: test.info().outputPath('war-room.png') })
  await room.composer().fill('')

  // Keyboard focus shows: the focused control draws an outline or a ring.
  await room.composer().focus()
  await page.keyboard.press('Shift+Tab')
  // Runs in the page (a string, since this file is typechecked without the DOM library).
  const ring = await page.evaluate<string>(`(() => {
    const el = document.activeElement
    if (!el || el === document.body) return 'nothing focused'
    const s = getComputedStyle(el)
    return s.outlineStyle !== 'none' && s.outlineWidth !== '0px' ? 'outline' : s.boxShadow !== 'none' ? 'ring' : 'no visible focus on ' + el.outerHTML.slice(0, 80)
  })()`)
  expect(['outline', 'ring']).toContain(ring)

  await page.getByTestId('search-input').fill('proxy')
  await expect(page.getByTestId('search-results')).toBeVisible()
  await axeClean(page, 'search results')
  await page.getByTestId('search-input').fill('')

  await page.getByTestId('settings-button').click()
  const dialog = page.getByTestId('settings-dialog')
  await expect(dialog).toBeVisible()
  const tabs = dialog.locator('nav button, [role="tab"]')
  const count = await tabs.count()
  for (let i = 0; i < count; i++) {
    await tabs.nth(i).click()
    await axeClean(page, `settings: ${(await tabs.nth(i).textContent()) ?? i}`)
  }
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()

  await page.getByTestId('kpi-button').click()
  await expect(page.getByTestId('kpi-button')).toHaveAttribute('aria-pressed', 'true')
  await axeClean(page, 'KPI dashboard')
  await page.screenshot({ path: test.info().outputPath('kpis.png') })

  await page.getByTestId('rooms-button').click()
  await room.setStatus('closed')
  await axeClean(page, 'closed room')
})
