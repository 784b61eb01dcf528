import { test, expect, type Page } from '@playwright/test'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { startAwsStandin, type AwsStandin } from '../standins/aws/server'
import { startRdap, type RdapStandin } from '../standins/rdap'
import { startServiceNow, type ServiceNowStandin } from '../standins/servicenow'
import { startSlackStandIn, type SlackStandIn } from '../standins/slack'
import { startVirusTotal, type VirusTotalStandin } from '../standins/virustotal'
import { ArchiveReview } from './support/archive-review'
import { removeDataDir, startServe, type ServeProcess } from './support/serve-process'
import { WarRoom } from './support/war-room'

let rdap: RdapStandin
let vt: VirusTotalStandin
let snow: ServiceNowStandin
let slack: SlackStandIn
let aws: AwsStandin
const serves: ServeProcess[] = []
let scratch: string

/** Every request any integration stand-in has received. */
const requestsSoFar = (): number => rdap.requests.length + vt.requests.length + snow.requests.length + slack.requests().length + aws.requests.length

test.beforeEach(async () => {
  ;[rdap, vt, snow, slack, aws] = await Promise.all([startRdap(), startVirusTotal(), startServiceNow(), startSlackStandIn(), startAwsStandin()])
  scratch = mkdtempSync(join(tmpdir(), 'virgil-archive-e2e-'))
})

// eslint-disable-next-line no-empty-pattern -- Playwright reads fixtures from the pattern
test.afterEach(async ({}, info) => {
  if (info.status !== 'passed') for (const s of serves) console.log(s.output())
  for (const s of serves.splice(0)) {
    await s.stop()
    removeDataDir(s.dataDir)
  }
  await Promise.all([rdap.close(), vt.close(), snow.close(), slack.close(), aws.close()])
  rmSync(scratch, { recursive: true, force: true })
})

async function serve(args: string[] = []): Promise<ServeProcess> {
  const env = { RDAP_BASE_URL: rdap.url, VIRUSTOTAL_BASE_URL: vt.url, SERVICENOW_BASE_URL: snow.url, SLACK_API_URL: slack.apiUrl, VIRGIL_AWS_ENDPOINT: aws.url }
  const s = await startServe(env, undefined, undefined, args)
  serves.push(s)
  return s
}

async function openReview(page: Page, file: string, number: string): Promise<ArchiveReview> {
  const s = await serve(['--open', file])
  const review = new ArchiveReview(page)
  await review.openFile(s.url, number)
  return review
}

test('a closed incident is archived, reviewed offline with a green stamp, found by a bad query, exported, and a tampered copy opens red', async ({ page, browser }) => {
  const live = await serve()
  const room = new WarRoom(page)
  await room.open(live.url)
  const number = await room.openIncident({ title: 'Beacon from finance-lt-042', description: 'EDR flagged periodic beacons', leader: 'Ana', impact: 'high', urgency: 'medium' })
  await room.say('Proxy log shows unbalanced traffic from finance-lt-042 to example.com')
  await room.run('whois example.com')
  const note = room.messages().filter({ hasText: 'unbalanced traffic' })
  await note.hover()
  await note.getByTestId('mark-note').click()
  await expect(note).toHaveAttribute('data-mark', 'note')
  await room.setStatus('contained')
  await room.setStatus('closed')
  const calledBefore = requestsSoFar()
  expect(calledBefore).toBeGreaterThan(0) // whois went to the RDAP stand-in: the counter counts

  // Archive → review: every line as it was, the timeline beside it, a green stamp; nothing fetched.
  const review = new ArchiveReview(page)
  await review.openArchive()
  await expect(page.getByTestId('archive-count')).toHaveText('1 closed incident')
  await page.screenshot({ path: '/tmp/virgil-shots/archive-list.png' })
  // Filters narrow the list on the server: by a command run in it, by priority, by a status it passed through.
  const count = page.getByTestId('archive-count')
  await page.getByTestId('filter-command').fill('vt ip')
  await expect(count).toHaveText('0 closed incidents')
  await page.getByTestId('filter-command').fill('whois')
  await expect(count).toHaveText('1 closed incident')
  await page.getByTestId('filter-P1').click()
  await expect(count).toHaveText('0 closed incidents')
  await page.getByTestId('filter-P1').click()
  await page.getByTestId('filter-status').selectOption('contained')
  await expect(review.row(number)).toBeVisible()
  await page.getByTestId('sort-number').click()
  await expect(page.getByTestId('sort-number').locator('..')).toHaveAttribute('aria-sort', 'ascending')
  await review.review(number)
  await expect(review.stamp()).toHaveAttribute('data-ok', 'true')
  await expect(review.stamp()).toContainText(/Chain verified · \d+ events · checkpoint \d{4}-\d\d-\d\d \d\d:\d\d UTC/)
  await expect(review.lines().filter({ hasText: 'unbalanced traffic' })).toHaveAttribute('data-mark', 'note')
  await expect(review.lines().and(page.locator('[data-kind="command"]'))).toContainText('whois example.com')
  await expect(review.points().filter({ hasText: 'whois example.com' })).toBeVisible()
  await expect(review.points().filter({ hasText: /closed/ }).first()).toBeVisible()
  await review.expectReadOnly()
  expect(requestsSoFar() - calledBefore).toBe(0)

  // A query FTS5 cannot parse is answered in words and still finds the line, which it jumps to.
  await review.openArchive()
  const results = await review.search('"unbalanced')
  await expect(results.getByTestId('search-notice')).toContainText('Searched for the words instead')
  const hit = results.getByTestId('search-hit').first()
  await expect(hit).toContainText(number)
  await hit.click()
  await expect(review.header()).toHaveAttribute('data-number', number)
  await expect(review.lines().filter({ hasText: 'unbalanced traffic' })).toHaveClass(/focused/)
  expect(requestsSoFar() - calledBefore).toBe(0)
  await page.keyboard.press('Escape')
  await page.mouse.move(720, 860)
  await page.screenshot({ path: 'docs/screenshots/archive-review.png' })

  // Export the portable archive; a second Virgil opens it with no access to this database.
  const download = await review.exportPortable()
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${number}-\\d{4}-\\d\\d-\\d\\d\\.virgil$`))
  const file = join(scratch, download.suggestedFilename())
  await download.saveAs(file)
  const second = await openReview(await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' }), file, number)
  await expect(second.stamp()).toHaveAttribute('data-ok', 'true')
  await expect(second.lines().filter({ hasText: 'unbalanced traffic' })).toBeVisible()
  await expect(second.page.getByTestId('review-state')).toHaveText('portable archive · read-only')
  await expect(second.page.getByTestId('reopen')).toHaveCount(0)
  await second.expectReadOnly()

  // Edit one event row in a copy: it still opens, red, naming the event, and stays read-only.
  const tampered = join(scratch, 'tampered.virgil')
  copyFileSync(file, tampered)
  const db = new Database(tampered)
  const edited = db.prepare(`UPDATE events SET payload = replace(payload, 'finance-lt-042 to', 'finance-lt-043 to') WHERE type = 'message.posted'`).run()
  db.close()
  expect(edited.changes).toBe(1)
  const third = await openReview(await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' }), tampered, number)
  await expect(third.stamp()).toHaveAttribute('data-ok', 'false')
  await expect(third.stamp()).toContainText(/does not verify: event \d+/i)
  await expect(third.page.getByTestId('archive-badge')).toHaveClass(/bad/)
  await third.expectReadOnly()
  await expect(third.page.getByTestId('export-portable')).toHaveCount(0)
  await third.page.screenshot({ path: '/tmp/virgil-shots/archive-tampered.png' })
  expect(requestsSoFar() - calledBefore).toBe(0)

  // Back in the analyst's own Virgil, a lead reopens the case: a reason is asked and kept.
  await page.bringToFront()
  await page.getByTestId('reopen').click()
  const dialog = page.getByTestId('reopen-dialog')
  await dialog.getByTestId('reopen-reason').fill('no')
  await expect(dialog.getByTestId('reopen-submit')).toBeDisabled()
  await dialog.getByTestId('reopen-reason').fill('Same beacon seen again from finance-lt-042')
  await page.screenshot({ path: '/tmp/virgil-shots/archive-reopen.png' })
  await dialog.getByTestId('reopen-submit').click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('review-state')).toHaveText('reopened · investigating')
  await page.getByTestId('open-room').click()
  await expect(room.composer()).toBeVisible()
  await expect(room.messages().last()).toContainText(/investigating/)
})
