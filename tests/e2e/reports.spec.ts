import { test, expect } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { extractText, getDocumentProxy } from 'unpdf'
import { removeDataDir, startServe, type ServeProcess } from './support/serve-process'
import { WarRoom } from './support/war-room'

let serve: ServeProcess

test.afterEach(async () => {
  await serve.stop()
  removeDataDir(serve.dataDir)
})

test('renders the evidence report as HTML, PDF and Markdown, and the KPI dashboard charts and exports CSV', async ({ page }) => {
  serve = await startServe()
  const room = new WarRoom(page)
  await room.open(serve.url)
  const number = await room.openIncident({ title: 'Beacon to 198.51.100.23', leader: 'Ana', impact: 'high', urgency: 'high' })
  await room.say('Seen from finance-lt-042 every 60 s')
  await room.run('!ip info 198.51.100.23')
  await room.setStatus('contained')

  const download = async (testId: string) => {
    const waiting = page.waitForEvent('download')
    await page.getByTestId(testId).click()
    const file = await waiting
    return { name: file.suggestedFilename(), body: readFileSync(await file.path()) }
  }
  const html = await download('report-html')
  expect(html.name).toBe(`${number}-report.html`)
  expect(html.body.toString()).toMatch(/ip info 198\.51\.100\.23[\s\S]*VERIFIED: \d+ events/)
  const md = await download('report-md')
  expect(md.name).toBe(`${number}-report.md`)
  expect(md.body.toString()).toContain(`# ${number} Beacon to 198.51.100.23`)
  const pdf = await download('report-pdf')
  expect(pdf.name).toBe(`${number}-report.pdf`)
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.body)), { mergePages: true })
  expect(text).toContain(number)
  expect(text).toContain('ip info 198.51.100.23')
  expect(text).toMatch(/VERIFIED: \d+ events/)

  await page.getByTestId('kpi-button').click()
  const dashboard = page.getByTestId('kpi-dashboard')
  await expect(dashboard.getByTestId('kpi-incidents')).toContainText('1')
  await expect(dashboard.getByTestId('chart-volume').locator('canvas')).toBeVisible()
  await expect(dashboard.getByTestId('kpi-table-priority')).toContainText('P1')
  const csv = await download('csv-priority')
  expect(csv.name).toMatch(/^virgil-kpi-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d-priority\.csv$/)
  expect(csv.body.toString().split('\r\n')[0]).toBe('Priority,Incidents,MTTA median (ms),MTTA p90 (ms),MTTC median (ms),MTTC p90 (ms),MTTR median (ms),MTTR p90 (ms)')
  expect(csv.body.toString()).toMatch(/\r\nP1,1,\d+,/)
  // Dismiss the three "Report ready" toasts so the screenshot shows the dashboard alone.
  // They also expire on their own, so close whichever is still there until none is.
  const toasts = page.locator('.toast')
  await expect(async () => {
    if ((await toasts.count()) > 0) await toasts.first().locator('.icon-button').click({ timeout: 1_000 })
    await expect(toasts).toHaveCount(0, { timeout: 500 })
  }).toPass({ timeout: 20_000 })
  await page.screenshot({ path: 'docs/screenshots/kpi-dashboard.png' })
})
