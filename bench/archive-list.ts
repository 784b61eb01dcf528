import { applyEvent } from '../src/main/core/projections/apply'
import { chromium } from '@playwright/test'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createCore } from '../src/main/app'
import { openDb } from '../src/main/core/db/open-db'
import { EventLog, type EventDraft } from '../src/main/core/log/event-log'
import { startServe } from '../src/main/serve/serve-server'
import { aesGcmCipher } from '../src/main/core/vault/vault'
import { findChromium } from '../scripts/find-chromium.mjs'
import { figure, percentile } from './stats'

const INCIDENTS = 100_000
const MIN = 60_000

/** Frame intervals (ms) over `frames` animation frames; with `stepPx`, the archive table scrolls that far each frame. */
const FRAMES = `async ({ frames, stepPx, selector = '[data-testid="archive-rows"]' }) => {
  const body = document.querySelector(selector)
  const out = []
  let last = performance.now()
  for (let i = 0; i < frames; i++) {
    if (stepPx && body) body.scrollTop += stepPx
    await new Promise((r) => requestAnimationFrame(r))
    const now = performance.now()
    out.push(now - last)
    last = now
  }
  return out
}`

/** 100k incidents opened and closed, written straight to the log; their facets as the archive indexer writes them. */
function generate(dir: string): void {
  const db = openDb(join(dir, 'virgil.db'))
  const log = new EventLog(db, 'wsbench', randomBytes(32), applyEvent)
  const start = Date.UTC(2025, 0, 1)
  const actor = { id: 'analyst:ana', name: 'Ana' }
  for (let batch = 0; batch < INCIDENTS; batch += 1000) {
    const drafts: EventDraft[] = []
    for (let i = batch; i < batch + 1000; i++) {
      const at = start + i * 5 * MIN
      const incidentId = `inc${i}`
      drafts.push({
        type: 'incident.opened',
        incidentId,
        actor,
        payload: { number: `INC${String(i + 1).padStart(7, '0')}`, title: `Archived case ${i}`, description: '', source: 'email', leader: 'Ana', members: [], impact: 'low', urgency: 'low', conditions: [], priority: `P${(i % 5) + 1}`, at }
      })
      drafts.push({ type: 'incident.updated', incidentId, actor, payload: { changes: { status: 'closed' }, before: { status: 'new' }, at: at + 90 * MIN } })
    }
    log.append(drafts)
  }
  db.exec(`INSERT OR IGNORE INTO incident_facets (incident_id, kind, value)
    SELECT id, 'priority', lower(priority) FROM incidents UNION ALL SELECT id, 'status', 'new' FROM incidents
    UNION ALL SELECT id, 'status', 'closed' FROM incidents UNION ALL SELECT id, 'member', 'ana' FROM incidents`)
  db.close()
}

/**
 * The Archive view over 100k closed incidents in Chromium (needs `npm run build`): time to the first
 * rows, then frame p95 while scrolling, against idle frames measured in the same page as the baseline.
 */
export async function benchArchiveList(): Promise<void> {
  const browserPath = findChromium()?.path
  if (!browserPath) return console.log('archive list: skipped (no Chromium; set CHROMIUM_PATH)')
  const dir = mkdtempSync(join(tmpdir(), 'virgil-bench-archive-'))
  let t = performance.now()
  generate(dir)
  figure('archive list: generate 100k closed incidents', performance.now() - t, 'ms')
  // Set up as a workstation already in use: no first-run "who is here" dialog over the list.
  const core = createCore({ dataDir: dir, cipher: aesGcmCipher(randomBytes(32)), mode: 'serve', version: 'bench', checkpointDir: join(dir, 'checkpoints'), resourcesDir: resolve('resources'), identity: { name: 'Ana', handle: 'ana' } })
  const browser = await chromium.launch({ executablePath: browserPath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] })
  try {
    const serve = await startServe(core, { port: 0, rendererDir: resolve('out/renderer') })
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' })
    await page.goto(serve.url)
    await page.getByTestId('archive-button').waitFor()
    t = performance.now()
    await page.getByTestId('archive-button').click()
    await page.locator('[data-testid="archive-row"]').first().waitFor()
    const openMs = performance.now() - t
    const count = await page.getByTestId('archive-count').textContent()
    const domRows = await page.locator('[data-testid="archive-rows"] [role="row"]').count()

    const idle = (await page.evaluate(`(${FRAMES})({ frames: 120, stepPx: 0 })`)) as number[]
    const scrolling = (await page.evaluate(`(${FRAMES})({ frames: 600, stepPx: 240 })`)) as number[]
    // Back up over rows already fetched: the rendering cost alone, without pages arriving.
    const loaded = (await page.evaluate(`(${FRAMES})({ frames: 600, stepPx: -240 })`)) as number[]
    // Baseline: the same scroll over a plain, fully rendered list of 3,000 rows styled alike, in the same page.
    await page.evaluate(`(() => {
      const list = document.createElement('div')
      list.id = 'plain-list'
      list.style.cssText = 'position:fixed;inset:180px 14px 0 14px;overflow-y:auto;z-index:10;background:var(--panel)'
      const cells = (i) => ['INC' + String(i).padStart(7, '0'), 'P3', 'Archived case ' + i, 'Email', 'Ana', '2025-01-01 00:00', '2025-01-01 01:30', '1h 30m', '2'].map((t) => '<span>' + t + '</span>').join('')
      list.innerHTML = Array.from({ length: 3000 }, (_, i) => '<div class="archive-row" style="height:30px;border-bottom:1px solid var(--border)">' + cells(i) + '</div>').join('')
      document.body.appendChild(list)
    })()`)
    const plain = (await page.evaluate(`(${FRAMES})({ frames: 600, stepPx: 240, selector: '#plain-list' })`)) as number[]
    await page.evaluate(`document.getElementById('plain-list').remove()`)
    const p95 = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 95)
    t = performance.now()
    await page.evaluate(`document.querySelector('[data-testid="archive-rows"]').scrollTop = 50000 * 30`)
    await page.locator('[data-testid="archive-row"][data-number="INC0050001"]').waitFor()
    const jumpMs = performance.now() - t

    console.log(`archive list: ${count}; ${domRows} rows in the DOM`)
    figure('archive list: click → first rows (100k archived)', openMs, 'ms')
    figure('archive list: frame p95 idle (baseline)', p95(idle), 'ms')
    figure('archive list: frame p95 scrolling 100k rows', p95(scrolling), 'ms')
    figure('archive list: scrolling / idle frame p95', p95(scrolling) / p95(idle), 'x')
    figure('archive list: frame p95 scrolling back over fetched rows', p95(loaded), 'ms')
    figure('archive list: frame p95 scrolling a plain 3,000-row list (baseline)', p95(plain), 'ms')
    figure('archive list: virtualized 100k / plain 3k frame p95', p95(scrolling) / p95(plain), 'x')
    figure('archive list: jump to row 50,000 → rows shown', jumpMs, 'ms')
    await page.close()
    await serve.close()
  } finally {
    await browser.close()
    await core.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
