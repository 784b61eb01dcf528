import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { openDb } from '../src/main/core/db/open-db'
import { EventLog, type EventDraft } from '../src/main/core/log/event-log'
import { computeKpis } from '../src/main/core/kpi'
import { SLA_DEFAULTS } from '../src/shared/settings'
import { figure, summarize } from './stats'

const INCIDENTS = 10_000
const ROUNDS = 7
const MIN = 60_000

/** 10k incidents over a year, each opened, acknowledged, worked, contained, resolved and closed. */
export function generate(log: EventLog, start: number): void {
  const people = ['Ana', 'Bo', 'Chen', 'Dee', 'Eli', 'Fay']
  const priorities = ['P1', 'P2', 'P3', 'P4', 'P5']
  const sources = ['email', 'alert', 'phone', 'ticket']
  for (let batch = 0; batch < INCIDENTS; batch += 200) {
    const drafts: EventDraft[] = []
    for (let i = batch; i < batch + 200; i++) {
      const id = `inc${i}`
      const at = start + i * 50 * MIN
      const who = people[i % people.length] as string
      const actor = { id: `analyst:${who.toLowerCase()}`, name: who }
      drafts.push({
        type: 'incident.opened',
        incidentId: id,
        actor,
        payload: { number: `INC${String(i + 1).padStart(7, '0')}`, title: `case ${i}`, description: '', source: sources[i % 4] as string, leader: who, members: [people[(i + 1) % 6] as string], impact: 'low', urgency: 'low', conditions: [], priority: priorities[i % 5] as string, at }
      })
      drafts.push({ type: 'message.posted', incidentId: id, actor, payload: { text: 'on it', via: 'app', at: at + ((i * 7) % 40) * MIN } })
      drafts.push({ type: 'command.started', incidentId: id, actor, payload: { runId: `r${i}`, line: 'vtip 8.8.8.8', command: 'vtip', args: { ip: '8.8.8.8' }, status: 'running', danger: 'safe', via: 'app', at: at + 45 * MIN } })
      drafts.push({ type: 'command.finished', incidentId: id, actor, payload: { runId: `r${i}`, status: 'ok', durationMs: 300, output: { title: 'clean' }, at: at + 46 * MIN } })
      for (const [m, status] of [[50, 'investigating'], [120 + (i % 300), 'contained'], [400 + (i % 900), 'resolved'], [2000, 'closed']] as const) {
        drafts.push({ type: 'incident.updated', incidentId: id, actor, payload: { changes: { status }, before: {}, at: at + m * MIN } })
      }
    }
    log.append(drafts)
  }
}

/** KPIs over 10k incidents (~80k events) against a plain count query over the same range, in one run. */
export async function benchKpi(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'virgil-bench-kpi-'))
  try {
    const db = openDb(join(dir, 'virgil.db'))
    const log = new EventLog(db, 'wsbench', randomBytes(32))
    const start = Date.UTC(2026, 0, 1)
    generate(log, start)
    const range = { from: start, to: start + 400 * 86_400_000 }
    const count = db.prepare('SELECT COUNT(*) AS n FROM incidents WHERE opened_at >= ? AND opened_at < ?')
    const kpiTimes: number[] = []
    const countTimes: number[] = []
    let incidents = 0
    for (let r = 0; r < ROUNDS; r++) {
      let t = performance.now()
      count.get(range.from, range.to)
      countTimes.push(performance.now() - t)
      t = performance.now()
      incidents = computeKpis(db, range, SLA_DEFAULTS, range.to).incidents
      kpiTimes.push(performance.now() - t)
    }
    const kpi = summarize(kpiTimes.slice(1)).p50
    const base = summarize(countTimes.slice(1)).p50
    figure('kpi incidents', incidents, 'incidents')
    figure('kpi compute, median', kpi, 'ms (target <= 200)')
    figure('count query baseline, median', base, 'ms')
    figure('kpi / count query', kpi / base, 'ratio')
    db.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
