import { ticketLine } from '../../../shared/ticket-words'
import type { Db } from '../db/open-db'
import { stmt } from '../db/statements'
import type { LogEvent } from '../log/event'
import { typed } from '../log/events'
import { describeChanges } from './describe-change'
import { cardLine, projectEvidence } from '../evidence/evidence-projection'
import { applyTeamEvent } from './apply-team'
import type { BurstScope } from '../log/burst-scope'
import { countLine } from './line-tally'

type P = Record<string, unknown>
const json = (v: unknown): string => JSON.stringify(v ?? null)
const actorJson = (e: LogEvent): string => JSON.stringify({ id: e.actor.id, name: e.actor.name })

/**
 * Writes the tables the UI reads from one event. Runs inside the event's transaction, for local and
 * replicated events alike, and can rebuild every projection from the log. Payloads are read as the
 * event catalogue (log/events.ts) types them; a type this version does not know projects nothing.
 */
export function applyEvent(db: Db, event: LogEvent, seq: number, burst?: BurstScope): void {
  const e = typed(event)
  if (!e) return
  const at = Number(e.payload.at ?? decodeWall(e.hlc))
  const line: LineSource = { db, e, seq, at, burst }
  switch (e.type) {
    case 'incident.opened': {
      stmt(db, 
        `INSERT OR IGNORE INTO incidents (id, number, title, description, source, leader, members, impact, urgency,
           conditions, priority, status, opened_at, opened_by, updated_at, field_clock)
         VALUES (@id, @number, @title, @description, @source, @leader, @members, @impact, @urgency, @conditions,
           @priority, 'new', @at, @openedBy, @at, '{}')`
      ).run({
        id: e.incidentId,
        number: freeNumber(db, e.payload.number, String(e.incidentId)),
        title: e.payload.title,
        description: e.payload.description,
        source: e.payload.source,
        leader: e.payload.leader,
        members: json(e.payload.members ?? []),
        impact: e.payload.impact,
        urgency: e.payload.urgency,
        conditions: json(e.payload.conditions ?? []),
        priority: e.payload.priority,
        at,
        openedBy: actorJson(e)
      })
      addMessage(line, 'system', `${e.actor.name} opened ${e.payload.number}: ${e.payload.title}`, 'system')
      return
    }
    case 'incident.numbered': {
      const number = freeNumber(db, e.payload.number, String(e.incidentId))
      stmt(db, 'UPDATE incidents SET number = ? WHERE id = ?').run(number, e.incidentId)
      addMessage(line, 'system', `${e.payload.previous} is now ${number}: the team's number for this incident.`, 'system')
      return
    }
    case 'incident.updated': {
      const changes: P = e.payload.changes
      const row = stmt(db, 'SELECT * FROM incidents WHERE id = ?').get(e.incidentId) as P | undefined
      if (!row) return
      const clock = JSON.parse(String(row.field_clock)) as Record<string, string>
      const sets: string[] = []
      const params: P = { id: e.incidentId, at }
      for (const [field, value] of Object.entries(changes)) {
        if (!(field in COLUMNS)) continue
        // Last writer wins per field by HLC stamp (ties broken by origin inside the stamp).
        if ((clock[field] ?? '') > e.hlc) continue
        clock[field] = e.hlc
        const column = COLUMNS[field] as string
        sets.push(`${column} = @${field}`)
        params[field] = typeof value === 'object' ? json(value) : value
      }
      if (sets.length) {
        params.clock = json(clock)
        stmt(db, `UPDATE incidents SET ${sets.join(', ')}, field_clock = @clock, updated_at = max(updated_at, @at) WHERE id = @id`).run(params)
        if ('status' in changes) {
          stmt(db, `UPDATE incidents SET closed_at = CASE WHEN status = 'closed' THEN coalesce(closed_at, ?) ELSE NULL END WHERE id = ?`).run(at, e.incidentId)
        }
      }
      addMessage(line, 'system', describeChanges(e.actor.name, e.payload), 'system')
      return
    }
    case 'message.posted':
      addMessage(line, 'chat', e.payload.text, e.payload.via ?? 'app', e.payload.replyTo)
      return
    case 'message.marked':
      stmt(db, 'UPDATE messages SET mark = ?, rev = ? WHERE id = ?').run(e.payload.mark ?? null, seq, e.payload.messageId)
      return
    case 'message.edited':
      updateText(db, e.payload.messageId, e.payload.text, at, seq)
      return
    case 'message.deleted':
      deleteMessage(db, e.payload.messageId, at, seq)
      return
    case 'system.noted':
      addMessage(line, 'system', e.payload.text, e.payload.via ?? 'system')
      return
    case 'command.started': {
      const run = e.payload
      stmt(db, 
        `INSERT OR IGNORE INTO command_runs (run_id, incident_id, message_id, line, command, args, actor, status, danger, started_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
      ).run(run.runId, e.incidentId, e.id, run.line, run.command, json(run.args), actorJson(e), run.status, run.danger, at)
      addMessage(line, 'command', run.line, run.via ?? 'app', run.replyTo, run.runId)
      return
    }
    case 'command.confirmed':
      stmt(db, `UPDATE command_runs SET status = ?, confirmed_by = ? WHERE run_id = ? AND status = 'awaiting-confirmation'`).run(
        e.payload.confirm ? 'running' : 'cancelled',
        e.actor.name,
        e.payload.runId
      )
      bumpRun(db, e.payload.runId, seq)
      return
    case 'command.finished': {
      const run = e.payload
      stmt(db, 
        `UPDATE command_runs SET status = ?, finished_at = ?, duration_ms = ?, output = ?, error = ? WHERE run_id = ?`
      ).run(run.status, at, run.durationMs ?? null, run.output ? json(run.output) : null, run.error ? json(run.error) : null, run.runId)
      bumpRun(db, run.runId, seq)
      return
    }
    case 'evidence.added':
      addMessage(line, 'evidence', cardLine(e.payload.card), e.payload.via ?? 'app')
      projectEvidence(db, e, at)
      return
    case 'evidence.rejected':
      addMessage(line, 'system', `Could not add "${e.payload.name}": ${e.payload.reason}`, 'system')
      return
    case 'ticket.created':
      stmt(db, 'UPDATE incidents SET ticket = ? WHERE id = ?').run(json(e.payload.ticket), e.incidentId)
      addMessage(line, 'system', ticketLine(e.payload.ticket, e.payload.found === true), 'system')
      return
    case 'slack.linked':
      stmt(db, 'UPDATE incidents SET slack_channel = ? WHERE id = ?').run(e.payload.channelName, e.incidentId)
      return
    case 'settings.changed':
      stmt(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
        e.payload.section,
        json(e.payload.value)
      )
      return
    default: {
      const text = applyTeamEvent(db, e)
      if (typeof text === 'string') addMessage(line, 'system', text, 'system')
      // Events with no projection (outbox outcomes, suggestion.taken, alert.received) live in the log only.
      return
    }
  }
}

const COLUMNS: Record<string, string> = {
  title: 'title',
  status: 'status',
  leader: 'leader',
  members: 'members',
  impact: 'impact',
  urgency: 'urgency',
  conditions: 'conditions',
  priority: 'priority'
}


/**
 * Numbers are unique (one per incident across the team). A number another incident already holds
 * can only come from before numbers came from the team; the later one is kept apart by its id.
 */
function freeNumber(db: Db, number: string, incidentId: string): string {
  const holder = stmt(db, 'SELECT id FROM incidents WHERE number = ?').get(number) as { id: string } | undefined
  return !holder || holder.id === incidentId ? number : `${number}-${incidentId.slice(-6)}`
}

function decodeWall(hlc: string): number {
  return Number(hlc.split('-')[0] ?? 0)
}

/** The event a room line comes from, where it lands in the log, and the burst it is part of. */
interface LineSource {
  db: Db
  e: LogEvent
  seq: number
  at: number
  burst: BurstScope | undefined
}

function addMessage({ db, e, seq, at, burst }: LineSource, kind: string, text: string, via: string, replyTo?: string, runId?: string): void {
  if (!e.incidentId) return
  const info = stmt(db, 
      `INSERT OR IGNORE INTO messages (id, incident_id, seq, at, author, kind, text, via, reply_to, run_id, rev)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    )
    .run(e.id, e.incidentId, seq, at, actorJson(e), kind, text, via, replyTo ?? null, runId ?? null, seq)
  if (info.changes === 0) return
  countLine(db, e.incidentId, at, burst)
}

/** A message's revision is the last event that touched it, so a client never shows an older copy. */
function bumpRun(db: Db, runId: string, seq: number): void {
  stmt(db, 'UPDATE messages SET rev = ? WHERE run_id = ?').run(seq, runId)
}

function updateText(db: Db, messageId: string, text: string, at: number, seq: number): void {
  const row = stmt(db, 'SELECT rowid, text FROM messages WHERE id = ?').get(messageId) as { rowid: number; text: string } | undefined
  if (!row) return
  stmt(db, 'UPDATE messages SET text = ?, edited_at = ?, rev = ? WHERE id = ?').run(text, at, seq, messageId)
}

function deleteMessage(db: Db, messageId: string, at: number, seq: number): void {
  const row = stmt(db, 'SELECT rowid, text, deleted FROM messages WHERE id = ?').get(messageId) as { rowid: number; text: string; deleted: number } | undefined
  if (!row || row.deleted) return
  stmt(db, 'UPDATE messages SET deleted = 1, edited_at = ?, rev = ? WHERE id = ?').run(at, seq, messageId)
}
