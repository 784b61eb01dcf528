import { applyEvent } from '../src/main/core/projections/apply'
import { existsSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { openDb } from '../src/main/core/db/open-db'
import { EventLog, type EventDraft } from '../src/main/core/log/event-log'
import { indexSearchPending } from '../src/main/core/search/search-index'
import { aesGcmCipher, Vault } from '../src/main/core/vault/vault'
import { findChromium } from '../scripts/find-chromium.mjs'
import { removeDataDir, startServe } from '../tests/e2e/support/serve-process'
import { figure, percentile } from './stats'

const LINES = 100_000
const ROUNDS = 3
const FRAMES = 300

/** Writes a 100k-line room and a 10-line room into the served data dir, through the log as the app would. */
function fill(dataDir: string, keyHex: string): void {
  const db = openDb(join(dataDir, 'virgil.db'))
  try {
    const vault = new Vault(db, aesGcmCipher(Buffer.from(keyHex, 'hex')))
    const origin = (db.prepare(`SELECT value FROM meta WHERE key = 'origin'`).get() as { value: string }).value
    const log = new EventLog(db, origin, vault.chainKey(), applyEvent)
    const people = [{ id: 'analyst:ana', name: 'Ana' }, { id: 'analyst:bo', name: 'Bo' }, { id: 'analyst:chen', name: 'Chen' }]
    const t0 = Date.now() - LINES * 2000
    for (const [id, number, lines] of [['big', 'INC0000901', LINES], ['small', 'INC0000902', 10]] as const) {
      log.appendOne({ type: 'incident.opened', incidentId: id, actor: people[0] as (typeof people)[0], payload: { number, title: `Room of ${lines} lines`, description: 'bench', source: 'email', leader: 'Ana', members: ['Bo', 'Chen'], impact: 'high', urgency: 'high', conditions: [], priority: 'P2', at: t0 } })
      for (let batch = 0; batch < lines; batch += 5000) {
        const drafts: EventDraft[] = []
        for (let i = batch; i < Math.min(lines, batch + 5000); i++) {
          const text = i % 7 === 0 ? `Line ${i}: beacon from host-${i % 300} to 198.51.100.${i % 250} every 60 s; blocked at the proxy, checking the EDR timeline for the parent process and any scheduled task it left behind.` : `Line ${i}: checked host-${i % 300}`
          drafts.push({ type: 'message.posted', incidentId: id, actor: people[(i >> 2) % 3] as (typeof people)[0], payload: { text, via: 'app', at: t0 + i * 2000 } })
        }
        log.append(drafts)
      }
    }
    indexSearchPending(db)
  } finally {
    db.close()
  }
}

/** Time from the click on a room in the list to its newest line on screen. */
async function openRoom(page: Page, url: string, number: string, lastLine: string): Promise<number> {
  await page.goto(url)
  await page.getByTestId('new-incident').first().waitFor()
  const row = page.locator(`[data-testid="incident-row"][data-number="${number}"]`)
  await row.waitFor()
  const t = performance.now()
  await row.click()
  await page.getByTestId('timeline').getByText(lastLine, { exact: false }).first().waitFor({ timeout: 30_000 })
  return performance.now() - t
}

/**
 * requestAnimationFrame deltas while the timeline scrolls up by `step` px a frame; with 0, the
 * baseline: each frame only changes the text of a small badge (a frame with damage and no work).
 */
async function frames(page: Page, step: number): Promise<number[]> {
  // A string, not a function: the bench's TypeScript build would wrap a function with helpers the page lacks.
  return page.evaluate(`new Promise((done) => {
    const el = document.querySelector('[data-testid="timeline"]')
    const badge = document.body.appendChild(document.createElement('div'))
    badge.style.cssText = 'position:fixed;right:4px;bottom:4px;font:10px monospace'
    const deltas = []
    let last = performance.now()
    const tick = (now) => {
      deltas.push(now - last)
      last = now
      if (${step}) el.scrollTop = Math.max(0, el.scrollTop - ${step})
      else badge.textContent = String(deltas.length)
      if (deltas.length < ${FRAMES}) requestAnimationFrame(tick)
      else {
        badge.remove()
        done(deltas.slice(2))
      }
    }
    requestAnimationFrame(tick)
  })`)
}

/**
 * A 100k-line room in the built serve mode, in Chromium: open time against a 10-line room, and
 * frame times while scrolling against idle frames, in one run. Frames are uncapped
 * (--disable-frame-rate-limit, --disable-gpu-vsync) so a delta is the frame's real cost, not the 60 Hz tick.
 */
export async function benchRoom(): Promise<void> {
  const found = findChromium()
  if (!found) return console.log('room: skipped (no Chromium; set CHROMIUM_PATH)')
  if (!existsSync('out/main/serve.js')) return console.log('room: skipped (run `npm run build` first)')
  const key = randomBytes(32).toString('hex')
  let serve = await startServe({}, undefined, key)
  const dataDir = serve.dataDir
  const browser = await chromium.launch({ executablePath: found.path, args: ['--disable-frame-rate-limit', '--disable-gpu-vsync'] })
  try {
    await serve.stop()
    fill(dataDir, key)
    serve = await startServe({}, dataDir, key)
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    const big: number[] = []
    const small: number[] = []
    for (let r = 0; r < ROUNDS; r++) {
      small.push(await openRoom(page, serve.url, 'INC0000902', 'Line 9:'))
      big.push(await openRoom(page, serve.url, 'INC0000901', `Line ${LINES - 1}:`))
    }
    const idle = (await frames(page, 0)).sort((a, b) => a - b)
    const scroll = (await frames(page, 90)).sort((a, b) => a - b)
    const bigMs = [...big].sort((a, b) => a - b)[1] as number
    const smallMs = [...small].sort((a, b) => a - b)[1] as number
    figure('room lines', LINES, 'lines')
    figure('room open 100k lines, median of 3', bigMs, 'ms (target <= 1000)')
    figure('room open 10 lines baseline, median of 3', smallMs, 'ms')
    figure('room open 100k / 10 lines', bigMs / smallMs, 'ratio')
    figure('room scroll frame p50', percentile(scroll, 50), 'ms')
    figure('room scroll frame p95', percentile(scroll, 95), 'ms (target <= 16)')
    figure('room badge-only frame p95 baseline', percentile(idle, 95), 'ms')
    figure('room scroll p95 / badge-only p95', percentile(scroll, 95) / percentile(idle, 95), 'ratio')
  } finally {
    await browser.close()
    await serve.stop()
    removeDataDir(dataDir)
  }
}
