import type { CommandOutput } from '../../../shared/command-output'
import type { Incident, Message, Priority } from '../../../shared/domain'
import type { ErrorInfo } from '../../../shared/errors'
import { extractIocs, refang, type IocType } from '../../../shared/ioc'
import { VirgilError } from '../../../shared/errors'
import type { Db } from '../db/open-db'
import { lifecycle, type LifeEvent, type Lifecycle } from '../kpi/lifecycle'
import { ACTION_TYPES } from '../kpi/milestones'
import type { LogEvent } from '../log/event'
import { rowToEvent } from '../log/event-log'
import { payloadOf, typed } from '../log/events'
import { getIncident, getTimeline } from '../projections/views'
import { verificationStamp, type VerificationStamp } from './verification-stamp'

export interface ReportCommand {
  runId: string
  line: string
  command: string
  args: unknown
  by: string
  confirmedBy?: string
  startedAt: number
  durationMs?: number
  status: string
  output?: CommandOutput
  error?: ErrorInfo
}

export interface ReportData {
  incident: Incident
  generatedAt: number
  generatedBy: string
  life: Lifecycle
  priorityHistory: { at: number; priority: Priority; by: string }[]
  alerts: { at: number; source: string; type: string; severity: number; title: string; fields: Record<string, string> }[]
  indicators: { type: IocType; value: string; verdicts: string[] }[]
  timeline: Message[]
  commands: ReportCommand[]
  evidence: Message[]
  notes: Message[]
  /** Tickets filed and pages sent, with what became of them. */
  outreach: { at: number; what: string; outcome: string }[]
  stamp: VerificationStamp
}

type P = Record<string, unknown>
const QUOTED = ['incident.opened', 'incident.updated', 'alert.received', 'ticket.created', 'notification.sent', 'outbox.failed', 'outbox.delivered'].map((t) => `'${t}'`).join(', ')
/** What the milestones need of each action, read in SQL (as the KPI fold does) instead of parsing 10k payloads. */
const LIFE_EVENTS = `SELECT type, COALESCE(json_extract(payload, '$.at'), CAST(substr(hlc, 1, instr(hlc, '-') - 1) AS INTEGER)) AS at,
  json_extract(actor, '$.id') AS actorId, CASE WHEN type = 'incident.updated' THEN json_extract(payload, '$.changes.status') END AS status
  FROM events WHERE incident_id = ? AND type IN (${ACTION_TYPES}) ORDER BY seq`
const LOOKUPS = /^(vt|vtip|whois|ip)\b/

/** Everything the evidence report shows, gathered from the log and its projections. */
export function gatherReport(db: Db, key: Buffer, incidentId: string, generatedBy: string, now = Date.now()): ReportData {
  const incident = getIncident(db, incidentId)
  if (!incident) throw new VirgilError('NOT_FOUND', `No incident ${incidentId} to report on.`)
  // Only the few kinds of events the report quotes are parsed whole; chat lines and commands come from their projections.
  const events = (db.prepare(`SELECT * FROM events WHERE incident_id = ? AND type IN (${QUOTED}) ORDER BY seq`).all(incident.id) as Parameters<typeof rowToEvent>[0][]).map(rowToEvent)
  const at = (e: LogEvent): number => Number(typed(e)?.payload.at ?? Number(e.hlc.split('-')[0]))
  const life = lifecycle(incident.openedAt, db.prepare(LIFE_EVENTS).iterate(incident.id) as Iterable<LifeEvent>, now)
  const timeline = getTimeline(db, incident.id, undefined, 10_000_000).items.filter((m) => !m.deleted)
  const commands = loadCommands(db, incident.id)
  return {
    incident,
    generatedAt: now,
    generatedBy,
    life,
    priorityHistory: priorityHistory(events, at),
    alerts: events
      .flatMap((e) => {
        const p = payloadOf(e, 'alert.received')
        return p ? [{ at: at(e), source: p.source, type: p.type, severity: p.severity, title: p.title, fields: p.fields }] : []
      }),
    indicators: indicators(incident, timeline, commands),
    timeline,
    commands,
    evidence: timeline.filter((m) => m.mark === 'evidence'),
    notes: timeline.filter((m) => m.mark === 'note'),
    outreach: outreach(events, at),
    stamp: verificationStamp(db, key, incident.id, now)
  }
}

function priorityHistory(events: LogEvent[], at: (e: LogEvent) => number): ReportData['priorityHistory'] {
  const out: ReportData['priorityHistory'] = []
  for (const e of events) {
    const opened = payloadOf(e, 'incident.opened')
    if (opened) out.push({ at: at(e), priority: opened.priority as Priority, by: e.actor.name })
    const changed = payloadOf(e, 'incident.updated')?.changes.priority
    if (changed) out.push({ at: at(e), priority: changed as Priority, by: e.actor.name })
  }
  return out
}

function loadCommands(db: Db, incidentId: string): ReportCommand[] {
  const rows = db.prepare('SELECT * FROM command_runs WHERE incident_id = ? ORDER BY started_at, run_id').all(incidentId) as P[]
  return rows.map((r) => {
    const c: ReportCommand = {
      runId: String(r.run_id),
      line: String(r.line),
      command: String(r.command),
      args: JSON.parse(String(r.args)) as unknown,
      by: (JSON.parse(String(r.actor)) as { name: string }).name,
      startedAt: Number(r.started_at),
      status: String(r.status)
    }
    if (r.confirmed_by) c.confirmedBy = String(r.confirmed_by)
    if (r.duration_ms !== null) c.durationMs = Number(r.duration_ms)
    if (r.output) c.output = JSON.parse(String(r.output)) as CommandOutput
    if (r.error) c.error = JSON.parse(String(r.error)) as ErrorInfo
    return c
  })
}

/** Indicators named in the incident and its chat, each with what the lookups run on it answered. */
function indicators(incident: Incident, timeline: Message[], commands: ReportCommand[]): ReportData['indicators'] {
  const found = new Map<string, { type: IocType; value: string; verdicts: string[] }>()
  const texts = [incident.title, incident.description, ...timeline.filter((m) => m.kind !== 'system').map((m) => m.text)]
  // Lines are scanned a thousand at a time, one per line of the block: a third of the cost of one call per line.
  for (let i = 0; i < texts.length && found.size < 500; i += 1000) {
    for (const ioc of extractIocs(texts.slice(i, i + 1000).join('\n'))) {
      if (found.size >= 500) break
      if (!found.has(ioc.value)) found.set(ioc.value, { ...ioc, verdicts: [] })
    }
  }
  for (const c of commands) {
    if (!LOOKUPS.test(c.command) || (!c.output && !c.error)) continue
    const line = refang(c.line)
    for (const ioc of found.values()) {
      if (!line.includes(ioc.value)) continue
      const answer = c.error ? `failed: ${c.error.message}` : [c.output?.title, c.output?.summary].filter(Boolean).join(' — ')
      ioc.verdicts.push(`${c.command}: ${answer}`)
    }
  }
  // The same answer from the same lookup run again is said once, with how many times.
  return [...found.values()].map((ioc) => ({ ...ioc, verdicts: counted(ioc.verdicts) }))
}

function counted(verdicts: string[]): string[] {
  const times = new Map<string, number>()
  for (const v of verdicts) times.set(v, (times.get(v) ?? 0) + 1)
  return [...times].map(([v, n]) => (n > 1 ? `${v} (×${n})` : v))
}

function outreach(events: LogEvent[], at: (e: LogEvent) => number): ReportData['outreach'] {
  const out: ReportData['outreach'] = []
  for (const event of events) {
    const e = typed(event)
    if (e?.type === 'ticket.created') {
      const t = e.payload.ticket
      out.push({ at: at(e), what: `Ticket ${t.number} (${t.system === 'servicenow' ? 'ServiceNow' : 'local'})`, outcome: 'filed' })
    } else if (e?.type === 'notification.sent') {
      out.push({ at: at(e), what: `Page by ${e.payload.channel === 'sms' ? 'SMS' : 'email'} to ${e.payload.to}`, outcome: 'sent' })
    } else if (e?.type === 'outbox.failed') {
      const p = e.payload
      out.push({ at: at(e), what: `${p.kind} (attempt ${p.attempts})`, outcome: `${p.parked ? 'on hold' : 'failed, retried'}: ${p.error.message}` })
    } else if (e?.type === 'outbox.delivered' && e.payload.attempts > 1) {
      out.push({ at: at(e), what: e.payload.kind, outcome: `delivered after ${e.payload.attempts} attempts` })
    }
  }
  return out
}
