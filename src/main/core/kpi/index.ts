import { INTAKE_SOURCES } from '../../../shared/domain'
import type { KpiReport } from '../../../shared/kpi'
import type { Settings } from '../../../shared/settings'
import type { Db } from '../db/open-db'
import { loadIncidentFacts } from './load'
import { byPriority, groupBy, groupTimes, slaBreaches, slaSummary, statusTime, weeklyTrend } from './times'
import { suggestionUptake } from './suggestion-uptake'
import { alertCounts, analystEffort, commandUsage, integrationUsage } from './usage'

export interface KpiRange {
  from: number
  to: number
}

/** The SOC lead's figures over incidents opened in [from, to), computed from the log and its projections. */
export function computeKpis(db: Db, range: KpiRange, sla: Settings['sla'], now: number = Date.now(), hidden: ReadonlySet<string> = new Set()): KpiReport {
  const { from, to } = range
  // Incidents restricted to groups the reader is not in count nowhere: not their number, not their title.
  const facts = loadIncidentFacts(db, from, to, now).filter((f) => !hidden.has(f.id))
  const breaches = slaBreaches(facts, sla, now)
  const commands = commandUsage(db, from, to)
  return {
    from,
    to,
    computedAt: now,
    incidents: facts.length,
    overall: groupTimes('all', facts),
    byPriority: byPriority(facts),
    bySource: groupBy(facts, (f) => f.source, [...INTAKE_SOURCES]),
    byLeader: groupBy(facts, (f) => f.leader),
    statusTime: statusTime(facts),
    sla: slaSummary(facts, sla, breaches),
    breaches: breaches.slice(0, 500),
    alerts: alertCounts(db, from, to, facts),
    analysts: analystEffort(db, from, to, facts, hidden),
    commands,
    integrations: integrationUsage(db, from, to, commands),
    weeks: weeklyTrend(facts, breaches, from, to),
    suggestions: suggestionUptake(db, from, to, hidden)
  }
}
