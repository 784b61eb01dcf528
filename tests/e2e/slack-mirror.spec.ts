import { test, expect, type Page } from '@playwright/test'
import { startSlackStandIn, type SlackStandIn } from '../standins/slack'
import { removeDataDir, startServe, type ServeProcess } from './support/serve-process'
import { WarRoom } from './support/war-room'

let slack: SlackStandIn
let serve: ServeProcess

test.beforeEach(async () => {
  slack = await startSlackStandIn()
  serve = await startServe({ SLACK_API_URL: slack.apiUrl })
})

// eslint-disable-next-line no-empty-pattern -- Playwright reads fixtures from the pattern
test.afterEach(async ({}, info) => {
  if (info.status !== 'passed') console.log(serve.output())
  await serve.stop()
  await slack.close()
  removeDataDir(serve.dataDir)
})

/** Turns the mirror on in Settings → Slack and pastes both tokens, as an analyst would. */
async function enableSlack(page: Page): Promise<void> {
  await page.getByTestId('settings-button').click()
  const dialog = page.getByTestId('settings-dialog')
  await dialog.getByRole('button', { name: 'Slack', exact: true }).click()
  const form = page.getByTestId('settings-slack')
  await form.getByLabel('Mirror rooms to Slack').check()
  await form.getByTestId('settings-save').click()
  await expect(form.getByText('Saved.')).toBeVisible()
  for (const [name, value] of [
    ['slack.botToken', slack.botToken],
    ['slack.appToken', slack.appToken]
  ] as const) {
    const field = page.getByTestId(`secret-${name}`)
    await field.locator('input').fill(value)
    await field.getByRole('button', { name: 'Save' }).click()
    await expect(field.locator('.secret-state.set')).toBeVisible()
  }
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
}

const CHANNEL = 'inc-0000001-beaconing-from-finance-laptop'

function channelExists(): boolean {
  try {
    slack.channel(CHANNEL)
    return true
  } catch {
    return false
  }
}

test('a room is mirrored to its Slack channel both ways', async ({ page }) => {
  const room = new WarRoom(page)
  await room.open(serve.url)
  await enableSlack(page)
  await room.openIncident({ title: 'Beaconing from finance laptop', leader: 'Ana', impact: 'high', urgency: 'high' })
  await expect.poll(channelExists, { timeout: 15_000 }).toBe(true)
  await expect.poll(() => slack.channel(CHANNEL).topic.value).toBe('P1 · new · leader Ana')

  await room.say('Typed in the browser')
  await expect
    .poll(() => slack.messages(CHANNEL).filter((m) => m.text === 'Typed in the browser').map((m) => m.username), { timeout: 15_000 })
    .toEqual(['Analyst'])

  slack.injectUserMessage(CHANNEL, 'U0CAROL001', 'Written in Slack by Carol')
  await expect(room.messages().filter({ hasText: 'Written in Slack by Carol' })).toBeVisible({ timeout: 15_000 })
  // Nothing echoes: the browser's line is in Slack once, Carol's line is in the room once.
  await expect(room.messages().filter({ hasText: 'Written in Slack by Carol' })).toHaveCount(1)
  expect(slack.messages(CHANNEL).filter((m) => m.text.includes('Written in Slack'))).toHaveLength(1)
  expect(slack.messages(CHANNEL).filter((m) => m.text === 'Typed in the browser')).toHaveLength(1)
})
