import { applyEvent } from '../src/main/core/projections/apply'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { openDb } from '../src/main/core/db/open-db'
import { EventLog, type EventDraft } from '../src/main/core/log/event-log'
import { exportEvidence } from '../src/main/core/export/evidence'
import { renderReport } from '../src/main/core/report'
import { chromiumPdfPrinter, defaultChromiumPath } from '../src/main/pdf/chromium-pdf'
import { figure } from './stats'

const LINES = 10_000

/** The report of one 10k-line incident (1 in 20 lines a command with output) against its JSON evidence export, in one run. */
export async function benchReport(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'virgil-bench-report-'))
  try {
    const db = openDb(join(dir, 'virgil.db'))
    const key = randomBytes(32)
    const log = new EventLog(db, 'wsbench', key, applyEvent)
    const actor = { id: 'analyst:ana', name: 'Ana' }
    const t0 = Date.UTC(2026, 5, 1)
    log.appendOne({ type: 'incident.opened', incidentId: 'inc1', actor, payload: { number: 'INC0000001', title: 'Long night', description: 'bench', source: 'email', leader: 'Ana', members: [], impact: 'high', urgency: 'high', conditions: [], priority: 'P1', at: t0 } })
    const drafts: EventDraft[] = []
    for (let i = 0; i < LINES; i++) {
      const at = t0 + i * 1000
      if (i % 20 === 0) {
        drafts.push({ type: 'command.started', incidentId: 'inc1', actor, payload: { runId: `r${i}`, line: `ip info 203.0.113.${i % 250}`, command: 'ip info', args: { ip: `203.0.113.${i % 250}` }, status: 'running', danger: 'safe', at } })
        const lines = Array.from({ length: i % 100 === 0 ? 60 : 6 }, (_, k) => `line ${k}: 203.0.113.${i % 250} seen on host-${k}`).join('\n')
        drafts.push({ type: 'command.finished', incidentId: 'inc1', actor, payload: { runId: `r${i}`, status: 'ok', durationMs: 12, output: { title: 'IP info', text: lines }, at: at + 12 } })
      } else {
        drafts.push({ type: 'message.posted', incidentId: 'inc1', actor, payload: { text: `Checked proxy logs for host ${i}: nothing beyond the beacon to 198.51.100.${i % 250}.`, via: 'app', at } })
      }
    }
    log.append(drafts)
    const deps = { db, key, secrets: () => [] }

    let t = performance.now()
    exportEvidence(db, log, key, 'inc1', 'bench')
    const json = performance.now() - t
    t = performance.now()
    const cpu = process.cpuUsage()
    const html = await renderReport(deps, 'inc1', 'html', 'bench')
    const htmlMs = performance.now() - t
    const htmlCpu = process.cpuUsage(cpu)
    figure('report lines', LINES, 'lines')
    figure('report html size', (html.text?.length ?? 0) / 1e6, 'MB')
    figure('evidence JSON export baseline', json, 'ms')
    figure('report html', htmlMs, 'ms (target <= 1000)')
    figure('report html / JSON export', htmlMs / json, 'ratio')
    figure('report html, CPU time', (htmlCpu.user + htmlCpu.system) / 1000, 'ms')
    const chromium = defaultChromiumPath()
    if (!chromium) return console.log('report pdf: skipped (no Chromium; set CHROMIUM_PATH)')
    const printer = chromiumPdfPrinter({ executablePath: chromium, timeoutMs: 120_000, keepWarmMs: 60_000 })
    try {
      t = performance.now()
      const pdf = await renderReport({ ...deps, pdf: printer }, 'inc1', 'pdf', 'bench')
      const pdfMs = performance.now() - t
      t = performance.now()
      await renderReport({ ...deps, pdf: printer }, 'inc1', 'pdf', 'bench')
      const warmMs = performance.now() - t
      figure('report pdf, Chromium launched for it', pdfMs, 'ms (target <= 3000)')
      figure('report pdf, Chromium kept warm (serve mode)', warmMs, 'ms (target <= 3000)')
      figure('report pdf size', (pdf.base64?.length ?? 0) * 0.75e-6, 'MB')
      figure('report pdf / JSON export', pdfMs / json, 'ratio')
      figure('report pdf warm / JSON export', warmMs / json, 'ratio')
    } finally {
      await printer.close()
    }
    db.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
