import { mkdirSync } from 'node:fs'
import { test, expect } from '@playwright/test'
import { removeDataDir, startServe, type ServeProcess } from './support/serve-process'
import { WarRoom } from './support/war-room'

let serve: ServeProcess
const SHOTS = '/tmp/virgil-shots'

test.beforeEach(async () => {
  mkdirSync(SHOTS, { recursive: true })
  // No preset identity: this is a first run.
  serve = await startServe({ VIRGIL_IDENTITY_NAME: '', VIRGIL_IDENTITY_HANDLE: '' })
})

// eslint-disable-next-line no-empty-pattern -- Playwright reads fixtures from the pattern
test.afterEach(async ({}, info) => {
  if (info.status !== 'passed') console.log(serve.output())
  await serve.stop()
  removeDataDir(serve.dataDir)
})

test('first run asks who is here; a lead builds the team and restricts an incident, which leaves the view of non-members', async ({ page }) => {
  await page.goto(serve.url)
  const identity = page.getByTestId('identity-dialog')
  await expect(identity).toBeVisible()
  await identity.getByTestId('identity-name').fill('Lena Ortiz')
  await expect(identity.getByTestId('identity-handle')).toHaveValue('lena.ortiz')
  await page.screenshot({ path: `${SHOTS}/team-first-run.png` })
  await identity.getByTestId('identity-save').click()
  await expect(identity).toBeHidden()
  await expect(page.getByTestId('analyst-role')).toHaveText('lead')

  const room = new WarRoom(page)
  await room.openIncident({ title: 'Payroll clerk mailing salary files out', leader: 'Lena Ortiz' })
  await room.say('HR asked us to keep this one quiet')
  await expect(page.getByTestId('timeline').getByText('Lena Ortiz').first()).toBeVisible()

  // Settings → Team: Ines joins as an analyst in insider; Lena puts herself in insider too.
  await page.getByTestId('settings-button').click()
  await page.getByTestId('settings-team').click()
  const editor = page.getByTestId('team-editor')
  const add = editor.locator('[data-handle="new"]')
  await add.getByLabel('Name').fill('Ines Ibarra')
  await add.getByTestId('team-groups').fill('insider, legal')
  await add.getByTestId('team-save').click()
  await expect(editor.locator('[data-handle="ines.ibarra"]')).toBeVisible()
  const lena = editor.locator('[data-handle="lena.ortiz"]')
  await lena.getByTestId('team-groups').fill('insider')
  await lena.getByTestId('team-save').click()
  await expect(lena.getByTestId('team-save')).toBeDisabled()
  await page.screenshot({ path: `${SHOTS}/team-roster.png` })
  await page.keyboard.press('Escape')

  // Restrict the incident: the lock shows in the list and the room.
  await page.getByTestId('restrict-button').click()
  await page.getByTestId('restrict-groups').fill('insider')
  await page.getByTestId('restrict-apply').click()
  await expect(page.getByTestId('room-header').getByTestId('lock-badge')).toHaveText('insider')
  await expect(page.getByTestId('incident-row').getByTestId('lock-badge')).toBeVisible()
  await expect(page.getByTestId('timeline')).toContainText('restricted this incident to insider')
  await page.screenshot({ path: `${SHOTS}/team-restricted.png` })

  // Lena leaves insider: the incident is gone from her list.
  await page.getByTestId('settings-button').click()
  await page.getByTestId('settings-team').click()
  await lena.getByTestId('team-groups').fill('')
  await lena.getByTestId('team-save').click()
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('incident-row')).toHaveCount(0)
})
