import type { CommandOutput } from '../../../shared/command-output'
import type { Incident, Message, Priority } from '../../../shared/domain'
import type { ErrorInfo } from '../../../shared/errors'
import { extractIocs, refang, type IocType } from '../../../shared/ioc'
import { VirgilError } from '../../../shared/errors'
import type { Db } from '../db/open-db'
import { lifecycle, type Lifecycle } from '../kpi/lifecycle'
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
const LOOKUPS = /^(vt|vtip|whois|ip)\b/

/** Everything the evidence report shows, gathered from the log and its projections. */
export function gatherReport(db: Db, key: Buffer, incidentId: string, generatedBy: string, now = Date.now()): ReportData {
  const incident = getIncident(db, incidentId)
  if (!incident) throw new VirgilError('NOT_FOUND', `No incident ${incidentId} to report on.`)
  const events = (db.prepare('SELECT * FROM events WHERE incident_id = ? ORDER BY seq').all(incident.id) as Parameters<typeof rowToEvent>[0][]).map(rowToEvent)
  const at = (e: LogEvent): number => Number(typed(e)?.payload.at ?? Number(e.hlc.split('-')[0]))
  const life = lifecycle(
    incident.openedAt,
    events.map((e) => ({ type: e.type, at: at(e), actorId: e.actor.id, status: payloadOf(e, 'incident.updated')?.changes.status })),
    now
  )
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
  for (const text of texts) {
    for (const ioc of extractIocs(text)) {
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
  return [...found.values()]
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
