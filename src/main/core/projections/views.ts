import type { CommandRunView, Incident, Message } from '../../../shared/domain'
import type { EvidenceView } from '../../../shared/evidence'
import type { Db } from '../db/open-db'
import { stmt } from '../db/statements'

type Row = Record<string, unknown>
const parse = <T>(v: unknown): T => JSON.parse(String(v)) as T

export function toIncident(r: Row): Incident {
  const incident: Incident = {
    id: String(r.id),
    number: String(r.number),
    title: String(r.title),
    description: String(r.description),
    source: r.source as Incident['source'],
    leader: String(r.leader),
    members: parse(r.members),
    impact: r.impact as Incident['impact'],
    urgency: r.urgency as Incident['urgency'],
    conditions: parse(r.conditions),
    priority: r.priority as Incident['priority'],
    status: r.status as Incident['status'],
    openedAt: Number(r.opened_at),
    openedBy: parse(r.opened_by),
    updatedAt: Number(r.updated_at),
    messageCount: Number(r.message_count)
  }
  if (r.ticket) incident.ticket = parse(r.ticket)
  if (r.slack_channel) incident.slackChannel = String(r.slack_channel)
  if (r.closed_at !== null && r.closed_at !== undefined) incident.closedAt = Number(r.closed_at)
  if (r.restricted_groups && r.restricted_groups !== '[]') incident.restrictedGroups = parse(r.restricted_groups)
  return incident
}

export function getIncident(db: Db, id: string): Incident | undefined {
  const r = stmt(db, 'SELECT * FROM incidents WHERE id = ? OR number = ?').get(id, id) as Row | undefined
  return r ? toIncident(r) : undefined
}

export function listIncidents(db: Db, scope: 'open' | 'closed' | 'all'): Incident[] {
  const where = scope === 'open' ? `WHERE status != 'closed'` : scope === 'closed' ? `WHERE status = 'closed'` : ''
  const rows = db.prepare(`SELECT * FROM incidents ${where} ORDER BY updated_at DESC LIMIT 5000`).all() as Row[]
  return rows.map(toIncident)
}

const MESSAGE_SELECT = `SELECT m.*, r.line AS r_line, r.status AS r_status, r.danger AS r_danger, r.started_at AS r_started,
  r.finished_at AS r_finished, r.duration_ms AS r_duration, r.output AS r_output, r.error AS r_error, r.confirmed_by AS r_confirmed, ev.card AS ev_card
  FROM messages m LEFT JOIN command_runs r ON r.run_id = m.run_id LEFT JOIN evidence ev ON ev.message_id = m.id`

export function toMessage(r: Row): Message {
  const m: Message = {
    id: String(r.id),
    incidentId: String(r.incident_id),
    seq: Number(r.seq),
    rev: Number(r.rev),
    at: Number(r.at),
    author: parse(r.author),
    kind: r.kind as Message['kind'],
    text: r.deleted ? '' : String(r.text),
    via: r.via as Message['via']
  }
  if (r.mark) m.mark = r.mark as Message['mark'] & string
  if (r.reply_to) m.replyTo = String(r.reply_to)
  if (r.edited_at) m.editedAt = Number(r.edited_at)
  if (r.deleted) m.deleted = true
  if (r.run_id && r.r_status) {
    const run: CommandRunView = {
      runId: String(r.run_id),
      line: String(r.r_line),
      status: r.r_status as CommandRunView['status'],
      danger: r.r_danger as CommandRunView['danger'],
      startedAt: Number(r.r_started)
    }
    if (r.r_finished != null) run.finishedAt = Number(r.r_finished)
    if (r.r_duration != null) run.durationMs = Number(r.r_duration)
    if (r.r_output) run.output = parse(r.r_output)
    if (r.r_error) run.error = parse(r.r_error)
    if (r.r_confirmed) run.confirmedBy = String(r.r_confirmed)
    m.command = run
  }
  if (r.ev_card && !r.deleted) m.evidence = { ...parse<Omit<EvidenceView, 'addedBy' | 'at'>>(r.ev_card), addedBy: m.author, at: m.at }
  return m
}

export function getMessage(db: Db, id: string): Message | undefined {
  const r = stmt(db, `${MESSAGE_SELECT} WHERE m.id = ?`).get(id) as Row | undefined
  return r ? toMessage(r) : undefined
}

export function getMessageByRun(db: Db, runId: string): Message | undefined {
  const r = stmt(db, `${MESSAGE_SELECT} WHERE m.run_id = ?`).get(runId) as Row | undefined
  return r ? toMessage(r) : undefined
}

export function getTimeline(db: Db, incidentId: string, beforeSeq: number | undefined, limit: number): { items: Message[]; hasMore: boolean } {
  const rows = db
    .prepare(`${MESSAGE_SELECT} WHERE m.incident_id = ? AND m.seq < ? ORDER BY m.seq DESC LIMIT ?`)
    .all(incidentId, beforeSeq ?? Number.MAX_SAFE_INTEGER, limit + 1) as Row[]
  const hasMore = rows.length > limit
  return { items: rows.slice(0, limit).reverse().map(toMessage), hasMore }
}
