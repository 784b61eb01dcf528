import { INCIDENT_STATUSES, type Priority } from '../../../shared/domain'
import type { GroupTimes, KpiReport, SlaBreach, WeekPoint } from '../../../shared/kpi'
import type { Settings } from '../../../shared/settings'
import type { IncidentFacts } from './load'
import { durationStat, weekStart } from './stats'

const PRIORITIES: Priority[] = ['P1', 'P2', 'P3', 'P4', 'P5']
const MINUTE = 60_000

const since = (f: IncidentFacts, at: number | null): number | null => (at === null ? null : at - f.life.openedAt)
export const timeToAck = (f: IncidentFacts): number | null => since(f, f.life.acknowledgedAt)
export const timeToContain = (f: IncidentFacts): number | null => since(f, f.life.containedAt)
export const timeToResolve = (f: IncidentFacts): number | null => since(f, f.life.resolvedAt)

const present = (values: (number | null)[]): number[] => values.filter((v): v is number => v !== null)

export function groupTimes(key: string, facts: IncidentFacts[]): GroupTimes {
  return {
    key,
    incidents: facts.length,
    mtta: durationStat(present(facts.map(timeToAck))),
    mttc: durationStat(present(facts.map(timeToContain))),
    mttr: durationStat(present(facts.map(timeToResolve)))
  }
}

/** MTTA, MTTC and MTTR per value of one dimension, biggest group first (priorities in order). */
export function groupBy(facts: IncidentFacts[], keyOf: (f: IncidentFacts) => string, order?: string[]): GroupTimes[] {
  const groups = new Map<string, IncidentFacts[]>()
  for (const f of facts) {
    const k = keyOf(f)
    const g = groups.get(k)
    if (g) g.push(f)
    else groups.set(k, [f])
  }
  const out = [...groups].map(([k, g]) => groupTimes(k, g))
  return order ? out.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key)) : out.sort((a, b) => b.incidents - a.incidents || a.key.localeCompare(b.key))
}

export const byPriority = (facts: IncidentFacts[]): GroupTimes[] => groupBy(facts, (f) => f.priority, PRIORITIES)

/**
 * An incident breaches its acknowledgement target when the first analyst action came later than the
 * target, or has not come and the target has passed; resolution likewise.
 */
export function slaBreaches(facts: IncidentFacts[], sla: Settings['sla'], now: number): SlaBreach[] {
  const out: SlaBreach[] = []
  for (const f of facts) {
    const target = sla[f.priority]
    const check = (kind: SlaBreach['kind'], took: number | null, targetMs: number): void => {
      const actualMs = took ?? now - f.life.openedAt
      if (actualMs > targetMs) out.push({ incidentId: f.id, number: f.number, title: f.title, priority: f.priority, kind, targetMs, actualMs, isOpen: took === null })
    }
    check('ack', timeToAck(f), target.ackMinutes * MINUTE)
    check('resolve', timeToResolve(f), target.resolveMinutes * MINUTE)
  }
  return out
    .map((b) => ({ b, over: b.actualMs / b.targetMs }))
    .sort((x, y) => y.over - x.over)
    .map((x) => x.b)
}

export function slaSummary(facts: IncidentFacts[], sla: Settings['sla'], breaches: SlaBreach[]): KpiReport['sla'] {
  const rows = new Map(PRIORITIES.map((priority) => [priority, { priority, ackMinutes: sla[priority].ackMinutes, resolveMinutes: sla[priority].resolveMinutes, incidents: 0, ackBreaches: 0, resolveBreaches: 0 }]))
  for (const f of facts) {
    const r = rows.get(f.priority)
    if (r) r.incidents++
  }
  for (const b of breaches) {
    const r = rows.get(b.priority)
    if (r && b.kind === 'ack') r.ackBreaches++
    else if (r) r.resolveBreaches++
  }
  return [...rows.values()]
}

export function statusTime(facts: IncidentFacts[]): KpiReport['statusTime'] {
  return INCIDENT_STATUSES.filter((s) => s !== 'closed').map((status) => {
    let incidents = 0
    let totalMs = 0
    for (const f of facts) {
      const ms = f.life.statusMs[status]
      if (ms === undefined) continue
      incidents++
      totalMs += ms
    }
    return { status, incidents, totalMs, meanMs: incidents ? totalMs / incidents : 0 }
  })
}

/** One point per week of the range (Monday 00:00 UTC), empty weeks included so the chart's axis is honest. */
export function weeklyTrend(facts: IncidentFacts[], breaches: SlaBreach[], from: number, to: number): WeekPoint[] {
  const weeks = new Map<number, IncidentFacts[]>()
  const last = Math.min(to, facts.reduce((m, f) => Math.max(m, f.life.openedAt), from) + 1)
  for (let w = weekStart(from); w < last && weeks.size < 520; w += 7 * 86_400_000) weeks.set(w, [])
  for (const f of facts) weeks.get(weekStart(f.life.openedAt))?.push(f)
  const breachesOf = new Map<string, number>()
  for (const b of breaches) breachesOf.set(b.incidentId, (breachesOf.get(b.incidentId) ?? 0) + 1)
  return [...weeks].map(([week, g]) => ({
    week,
    opened: g.length,
    mttaMedian: durationStat(present(g.map(timeToAck))).median,
    mttrMedian: durationStat(present(g.map(timeToResolve))).median,
    breaches: g.reduce((n, f) => n + (breachesOf.get(f.id) ?? 0), 0)
  }))
}
