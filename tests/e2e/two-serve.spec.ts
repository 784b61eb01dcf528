import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { connect } from 'nats'
import { test, expect, type Page } from '@playwright/test'
import { openNumbers } from '../../src/main/core/sync/numbers'
import { ensureStreams } from '../../src/main/core/sync/subjects'
import { openSocket } from '../crash/crash-load'
import { startNatsServer, type NatsServer } from '../support/nats-server'
import { removeDataDir, startServe, type ServeProcess } from './support/serve-process'
import { WarRoom } from './support/war-room'

const SHOTS = '/tmp/virgil-shots'
const PASSWORDS = { VIRGIL_ADMIN_PASSWORD: 'admin-pw-1', VIRGIL_ANA_PASSWORD: 'ana-pw-2', VIRGIL_INES_PASSWORD: 'ines-pw-3' }
const SECRET_TITLE = 'Payroll clerk mailing salary files out'
const OPEN_TITLE = 'Beaconing from finance laptop'

let nats: NatsServer
let a: ServeProcess
let b: ServeProcess

test.beforeEach(async () => {
  mkdirSync(SHOTS, { recursive: true })
  // docs/nats/team.conf as written; the admin creates the streams and the number bucket once.
  nats = await startNatsServer({ config: resolve('docs/nats/team.conf'), env: PASSWORDS })
  const admin = await connect({ servers: nats.url, user: 'admin', pass: PASSWORDS.VIRGIL_ADMIN_PASSWORD })
  const space = { stream: 'SOC_EVENTS', subjectPrefix: 'soc.events', restrictedPrefix: 'soc.restricted' }
  expect(await ensureStreams(await admin.jetstreamManager(), space, ['insider'], { replicas: 1, duplicateWindowMs: 60_000 })).toEqual([])
  await openNumbers(admin.jetstream(), 'VIRGIL_NUMBERS', 1)
  await admin.close()
  a = await startServe({ VIRGIL_IDENTITY_NAME: 'Ines Ibarra', VIRGIL_IDENTITY_HANDLE: 'ines' })
  b = await startServe({ VIRGIL_IDENTITY_NAME: 'Ana Alves', VIRGIL_IDENTITY_HANDLE: 'ana' })
})

// eslint-disable-next-line no-empty-pattern -- Playwright reads fixtures from the pattern
test.afterEach(async ({}, info) => {
  if (info.status !== 'passed') console.log(`--- A ---\n${a.output()}\n--- B ---\n${b.output()}`)
  await a.stop()
  await b.stop()
  await nats.dispose()
  removeDataDir(a.dataDir)
  removeDataDir(b.dataDir)
})

/** Switches sync on as the given NATS user, as Settings → Sync does (the password is the sync.token secret). */
async function joinTeam(serve: ServeProcess, user: 'ana' | 'ines', groups: string): Promise<void> {
  const s = await openSocket(serve.url)
  const pass = user === 'ana' ? PASSWORDS.VIRGIL_ANA_PASSWORD : PASSWORDS.VIRGIL_INES_PASSWORD
  expect(await s.ask('secret:set', { name: 'sync.token', value: pass })).toMatchObject({ ok: true })
  const sync = { enabled: true, servers: nats.url, stream: 'SOC_EVENTS', subjectPrefix: 'soc.events', restrictedPrefix: 'soc.restricted', user, groups, replicas: 1 }
  expect(await s.ask('settings:update', { patch: { sync } })).toMatchObject({ ok: true })
  s.close()
}

async function searchHits(page: Page, words: string): Promise<number> {
  const input = page.getByTestId('search-input')
  await input.fill(words)
  // Count once the app says these hits answer these words.
  await expect(page.getByTestId('search-results')).toHaveAttribute('data-answered', words)
  const n = await page.getByTestId('search-hit').count()
  await input.fill('')
  return n
}

test('two serve instances on one nats-server: an insider incident shows on the member\'s screen only, and never reaches the other SQLite file', async ({ browser }) => {
  const pageA = await browser.newPage()
  const pageB = await browser.newPage()
  const roomA = new WarRoom(pageA)
  const roomB = new WarRoom(pageB)
  await roomA.open(a.url)
  await roomB.open(b.url)
  await expect(pageA.getByTestId('analyst-role')).toHaveText('lead')

  // Ines is a lead in the insider group (the roster, through the page's own channel).
  const sa = await openSocket(a.url)
  const session = (await sa.ask('session:get', {})) as { ok: true; value: { user: { id: string } } }
  expect(await sa.ask('roster:set', { id: session.value.user.id, name: 'Ines Ibarra', handle: 'ines', role: 'lead', groups: ['insider'] })).toMatchObject({ ok: true })
  sa.close()

  await joinTeam(b, 'ana', '')
  await joinTeam(a, 'ines', 'insider')
  await expect(pageA.getByTestId('sync-pill')).toHaveText('Sync connected', { timeout: 15_000 })
  await expect(pageB.getByTestId('sync-pill')).toHaveText('Sync connected', { timeout: 15_000 })

  // While connected, Ines opens the HR case restricted from its first line (New incident → Restrict to groups).
  await roomA.openIncident({ title: SECRET_TITLE, leader: 'Ines Ibarra', groups: 'insider' })
  await expect(pageA.getByTestId('room-header').getByTestId('lock-badge')).toHaveText('insider')
  await roomA.say('HR confirms the export')

  // An open incident, opened after the restricted one, reaches Ana: replication works and has passed the HR case.
  const openNumber = await roomA.openIncident({ title: OPEN_TITLE, leader: 'Ines Ibarra' })
  await roomA.say('open line after the HR case')
  const openRowB = pageB.getByTestId('incident-row').filter({ hasText: OPEN_TITLE })
  await expect(openRowB).toBeVisible({ timeout: 15_000 })
  await openRowB.click()
  await expect(pageB.getByTestId('timeline')).toContainText('open line after the HR case', { timeout: 15_000 })

  // A: both rows, the HR case with its lock; B: only the open one, and search knows nothing of the HR case.
  const secretRowA = pageA.getByTestId('incident-row').filter({ hasText: SECRET_TITLE })
  await expect(secretRowA.getByTestId('lock-badge')).toBeVisible()
  await expect(pageA.getByTestId('incident-row')).toHaveCount(2)
  await expect(pageB.getByTestId('incident-row')).toHaveCount(1)
  await expect(pageB.getByTestId('incident-row').filter({ hasText: SECRET_TITLE })).toHaveCount(0)
  await expect(pageB.getByText(SECRET_TITLE)).toHaveCount(0)
  expect(await searchHits(pageA, 'payroll')).toBeGreaterThan(0)
  expect(await searchHits(pageB, 'beaconing')).toBeGreaterThan(0)
  expect(await searchHits(pageB, 'payroll')).toBe(0)
  expect(openNumber).toMatch(/^INC\d{7}$/)
  await pageA.screenshot({ path: `${SHOTS}/two-serve-ines.png` })
  await pageB.screenshot({ path: `${SHOTS}/two-serve-ana.png` })

  // Ana's SQLite file holds no byte of the HR case's content.
  await b.stop()
  const db = new Database(join(b.dataDir, 'virgil.db'), { readonly: true })
  try {
    const like = (sql: string): number => (db.prepare(sql).get('%Payroll clerk%') as { n: number }).n
    expect(like('SELECT count(*) AS n FROM events WHERE payload LIKE ?')).toBe(0)
    expect(like('SELECT count(*) AS n FROM incidents WHERE title LIKE ?')).toBe(0)
    expect(like('SELECT count(*) AS n FROM events WHERE payload LIKE ? OR payload LIKE \'%HR confirms%\'')).toBe(0)
    expect((db.prepare('SELECT count(*) AS n FROM incidents WHERE title = ?').get(OPEN_TITLE) as { n: number }).n).toBe(1)
  } finally {
    db.close()
  }
  await pageA.close()
  await pageB.close()
})
