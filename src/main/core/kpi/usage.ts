import type { AnalystEffort, KpiReport } from '../../../shared/kpi'
import type { Db } from '../db/open-db'
import { isHumanActor } from './lifecycle'
import type { IncidentFacts } from './load'

/** Two actions of one analyst in one room this close together count as time spent there. */
const ACTIVE_GAP_MS = 10 * 60_000
/** A lone action still took the analyst a minute. */
const ACTION_MS = 60_000

const day = (at: number): string => new Date(at).toISOString().slice(0, 10)

export function alertCounts(db: Db, from: number, to: number, facts: IncidentFacts[]): KpiReport['alerts'] {
  const bySource = db
    .prepare(`SELECT source, COUNT(*) AS received FROM alerts WHERE received_at >= ? AND received_at < ? GROUP BY source ORDER BY received DESC`)
    .all(from, to) as { source: string; received: number }[]
  const repeats = db
    .prepare(`SELECT COUNT(*) - COUNT(DISTINCT incident_id) AS n FROM alerts WHERE received_at >= ? AND received_at < ? AND incident_id IS NOT NULL`)
    .get(from, to) as { n: number }
  const duplicates = db
    .prepare(`SELECT COALESCE(SUM(CAST(value AS INTEGER)), 0) AS n FROM meta WHERE key >= ? AND key <= ?`)
    .get(`alerts.duplicates.${day(from)}`, `alerts.duplicates.${day(Math.max(from, to - 1))}`) as { n: number }
  return {
    received: bySource.reduce((n, s) => n + s.received, 0),
    duplicates: duplicates.n,
    repeats: repeats.n,
    openedIncidents: facts.filter((f) => f.source === 'alert').length,
    bySource
  }
}

export function commandUsage(db: Db, from: number, to: number): KpiReport['commands'] {
  return db
    .prepare(
      `SELECT command, COUNT(*) AS runs, SUM(status IN ('error', 'interrupted')) AS errors FROM command_runs
       WHERE started_at >= ? AND started_at < ? AND command != '' GROUP BY command ORDER BY runs DESC, command LIMIT 50`
    )
    .all(from, to) as KpiReport['commands']
}

const COMMAND_INTEGRATION: Record<string, string> = { vt: 'VirusTotal', vtip: 'VirusTotal', whois: 'RDAP (whois)', ec2: 'AWS EC2' }
const OUTBOX_INTEGRATION: Record<string, string> = {
  ServiceNow: 'ServiceNow',
  SMS: 'AWS SNS (SMS)',
  Email: 'Email (SMTP)',
  Slack: 'Slack',
  NATS: 'NATS sync'
}

/** Outside services used: lookups run from the room, and what the outbox delivered for them. */
export function integrationUsage(db: Db, from: number, to: number, commands: KpiReport['commands']): KpiReport['integrations'] {
  const tally = new Map<string, { uses: number; failures: number }>()
  const add = (name: string, uses: number, failures: number): void => {
    const t = tally.get(name) ?? { uses: 0, failures: 0 }
    t.uses += uses
    t.failures += failures
    tally.set(name, t)
  }
  for (const c of commands) {
    const name = COMMAND_INTEGRATION[c.command.split(' ')[0] ?? '']
    if (name) add(name, c.runs, c.errors)
  }
  const outbox = db
    .prepare(`SELECT kind, COUNT(*) AS n, SUM(status != 'done') AS failures FROM outbox WHERE created_at >= ? AND created_at < ? GROUP BY kind`)
    .all(from, to) as { kind: string; n: number; failures: number }[]
  for (const o of outbox) {
    const prefix = o.kind.split('.')[0] ?? o.kind
    add(OUTBOX_INTEGRATION[prefix] ?? prefix, o.n, o.failures)
  }
  return [...tally].map(([integration, t]) => ({ integration, ...t })).sort((a, b) => b.uses - a.uses)
}

/**
 * Per analyst: incidents led and joined (opened in the range), lines written and commands run in the
 * range, and time active in rooms (actions in one room less than 10 minutes apart are one stretch).
 */
export function analystEffort(db: Db, from: number, to: number, facts: IncidentFacts[], hidden: ReadonlySet<string> = new Set()): AnalystEffort[] {
  const people = new Map<string, AnalystEffort>()
  const of = (name: string): AnalystEffort => {
    let p = people.get(name)
    if (!p) people.set(name, (p = { name, led: 0, joined: 0, messages: 0, commands: 0, activeMs: 0 }))
    return p
  }
  for (const f of facts) {
    of(f.leader).led++
    for (const m of f.members) if (m !== f.leader) of(m).joined++
  }
  // Room by room, each in log order (only each analyst's order within a room matters), which the
  // messages_by_incident index gives without sorting; authors parsed once each.
  const rows = db
    .prepare(`SELECT incident_id, author, kind, at FROM messages WHERE at >= ? AND at < ? AND kind != 'system' ORDER BY incident_id, seq`)
    .raw()
    .iterate(from, to) as Iterable<[string, string, string, number]>
  const authors = new Map<string, { id: string; name: string }>()
  const authorOf = (text: string): { id: string; name: string } => {
    let a = authors.get(text)
    if (!a) authors.set(text, (a = JSON.parse(text) as { id: string; name: string }))
    return a
  }
  // Each analyst's last action in the room being read.
  const last = new Map<string, number>()
  let room = ''
  for (const [incident, authorText, kind, at] of rows) {
    if (incident !== room) {
      room = incident
      last.clear()
    }
    const author = authorOf(authorText)
    if (!isHumanActor(author.id) || hidden.has(incident)) continue
    const p = of(author.name)
    if (kind === 'command') p.commands++
    else p.messages++
    const prev = last.get(author.name)
    p.activeMs += prev !== undefined && at - prev <= ACTIVE_GAP_MS ? Math.max(0, at - prev) : ACTION_MS
    last.set(author.name, at)
  }
  return [...people.values()].sort((a, b) => b.activeMs - a.activeMs || b.led - a.led || a.name.localeCompare(b.name))
}
