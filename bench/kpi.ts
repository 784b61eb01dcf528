import { applyEvent } from '../src/main/core/projections/apply'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { openDb } from '../src/main/core/db/open-db'
import { EventLog, type EventDraft } from '../src/main/core/log/event-log'
import { computeKpis } from '../src/main/core/kpi'
import { lifecycle, type LifeEvent } from '../src/main/core/kpi/lifecycle'
import { loadIncidentFacts } from '../src/main/core/kpi/load'
import { analystEffort } from '../src/main/core/kpi/usage'
import type { Db } from '../src/main/core/db/open-db'
import { SLA_DEFAULTS } from '../src/shared/settings'
import { figure, summarize } from './stats'

const INCIDENTS = 10_000
const ROUNDS = 11
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

/** The query and fold the KPIs ran before migration 9: every event of every incident, on each call. */
function scanMilestones(db: Db, from: number, to: number): number {
  const incidents = db.prepare('SELECT id, opened_at AS openedAt FROM incidents WHERE opened_at >= ? AND opened_at < ? ORDER BY rowid').all(from, to) as { id: string; openedAt: number }[]
  const byIncident = new Map<string, LifeEvent[]>()
  const rows = db
    .prepare(
      `SELECT e.incident_id AS id, e.type AS type, COALESCE(json_extract(e.payload, '$.at'), e.recorded_at) AS at, json_extract(e.actor, '$.id') AS actorId,
         CASE WHEN e.type = 'incident.updated' THEN json_extract(e.payload, '$.changes.status') END AS status
       FROM incidents i JOIN events e ON e.incident_id = i.id
       WHERE i.opened_at >= ? AND i.opened_at < ? AND e.type IN ('incident.updated','message.posted','command.started','command.confirmed','message.marked')
       ORDER BY i.rowid, e.seq`
    )
    .iterate(from, to) as Iterable<LifeEvent & { id: string }>
  for (const row of rows) {
    const list = byIncident.get(row.id) ?? []
    list.push(row)
    byIncident.set(row.id, list)
  }
  return incidents.map((i) => lifecycle(i.openedAt, byIncident.get(i.id) ?? [], to)).length
}

/** KPIs over 10k incidents (~80k events) against a plain count query over the same range, in one run. */
export async function benchKpi(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'virgil-bench-kpi-'))
  try {
    const db = openDb(join(dir, 'virgil.db'))
    const log = new EventLog(db, 'wsbench', randomBytes(32), applyEvent)
    const start = Date.UTC(2026, 0, 1)
    generate(log, start)
    const range = { from: start, to: start + 400 * 86_400_000 }
    const count = db.prepare('SELECT COUNT(*) AS n FROM incidents WHERE opened_at >= ? AND opened_at < ?')
    const kpiTimes: number[] = []
    const kpiCpu: number[] = []
    const countTimes: number[] = []
    let incidents = 0
    for (let r = 0; r < ROUNDS; r++) {
      let t = performance.now()
      count.get(range.from, range.to)
      countTimes.push(performance.now() - t)
      t = performance.now()
      // CPU time of each call too: what the computation costs, whatever else shares the cores.
      const cpu0 = process.cpuUsage()
      incidents = computeKpis(db, range, SLA_DEFAULTS, range.to).incidents
      const cpu = process.cpuUsage(cpu0)
      kpiTimes.push(performance.now() - t)
      kpiCpu.push((cpu.user + cpu.system) / 1000)
    }
    // The milestones as read before migration 9, every incident's events folded on each call, in the same run.
    const scanTimes: number[] = []
    const milestoneTimes: number[] = []
    for (let r = 0; r < 4; r++) {
      let t = performance.now()
      scanMilestones(db, range.from, range.to)
      scanTimes.push(performance.now() - t)
      t = performance.now()
      loadIncidentFacts(db, range.from, range.to, range.to)
      milestoneTimes.push(performance.now() - t)
    }
    // Analysts' effort with migration 8's covering index and without it (dropped, then made again), alternating.
    const facts = loadIncidentFacts(db, range.from, range.to, range.to)
    const effortCpu = (): number => {
      const c = process.cpuUsage()
      analystEffort(db, range.from, range.to, facts)
      const u = process.cpuUsage(c)
      return (u.user + u.system) / 1000
    }
    const withIndex: number[] = []
    const withoutIndex: number[] = []
    for (let r = 0; r < 5; r++) {
      withIndex.push(effortCpu())
      db.exec('DROP INDEX messages_effort')
      withoutIndex.push(effortCpu())
      db.exec(`CREATE INDEX messages_effort ON messages(incident_id, seq, at, author, kind) WHERE kind != 'system'`)
    }
    const kpi = summarize(kpiTimes.slice(1)).p50
    const base = summarize(countTimes.slice(1)).p50
    figure('kpi incidents', incidents, 'incidents')
    figure('kpi compute, median', kpi, 'ms (target <= 200)')
    figure('count query baseline, median', base, 'ms')
    figure('kpi / count query', kpi / base, 'ratio')
    figure('kpi compute, CPU time, median', summarize(kpiCpu.slice(1)).p50, 'ms')
    const scan = summarize(scanTimes.slice(1)).p50
    const folded = summarize(milestoneTimes.slice(1)).p50
    figure('kpi milestones by scanning the log (before), median', scan, 'ms')
    figure('kpi milestones from kpi_milestones (now), median', folded, 'ms')
    figure('kpi milestones now / before', folded / scan, 'ratio')
    figure('kpi analysts effort, CPU median, with messages_effort (migration 8)', summarize(withIndex.slice(1)).p50, 'ms')
    figure('kpi analysts effort, CPU median, without it (same run)', summarize(withoutIndex.slice(1)).p50, 'ms')
    db.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
