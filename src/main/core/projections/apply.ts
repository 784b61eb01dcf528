import { ticketLine } from '../../../shared/ticket-words'
import type { Db } from '../db/open-db'
import { stmt } from '../db/statements'
import type { LogEvent } from '../log/event'
import { describeChanges } from './describe-change'
import { cardLine, projectEvidence, type StoredCard } from '../evidence/evidence-projection'
import { applyTeamEvent } from './apply-team'

type P = Record<string, unknown>
const json = (v: unknown): string => JSON.stringify(v ?? null)
const actorJson = (e: LogEvent): string => JSON.stringify({ id: e.actor.id, name: e.actor.name })

/**
 * Writes the tables the UI reads from one event. Runs inside the event's transaction, for local and
 * replicated events alike, and can rebuild every projection from the log.
 */
export function applyEvent(db: Db, e: LogEvent, seq: number): void {
  const p = e.payload as P
  const at = Number(p.at ?? decodeWall(e.hlc))
  switch (e.type) {
    case 'incident.opened': {
      stmt(db, 
        `INSERT OR IGNORE INTO incidents (id, number, title, description, source, leader, members, impact, urgency,
           conditions, priority, status, opened_at, opened_by, updated_at, field_clock)
         VALUES (@id, @number, @title, @description, @source, @leader, @members, @impact, @urgency, @conditions,
           @priority, 'new', @at, @openedBy, @at, '{}')`
      ).run({
        id: e.incidentId,
        number: freeNumber(db, String(p.number), String(e.incidentId)),
        title: p.title,
        description: p.description,
        source: p.source,
        leader: p.leader,
        members: json(p.members ?? []),
        impact: p.impact,
        urgency: p.urgency,
        conditions: json(p.conditions ?? []),
        priority: p.priority,
        at,
        openedBy: actorJson(e)
      })
      addMessage(db, e, seq, at, 'system', `${e.actor.name} opened ${String(p.number)}: ${String(p.title)}`, 'system')
      return
    }
    case 'incident.numbered': {
      const number = freeNumber(db, String(p.number), String(e.incidentId))
      stmt(db, 'UPDATE incidents SET number = ? WHERE id = ?').run(number, e.incidentId)
      addMessage(db, e, seq, at, 'system', `${String(p.previous)} is now ${number}: the team's number for this incident.`, 'system')
      return
    }
    case 'incident.updated': {
      const changes = (p.changes ?? {}) as P
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
      addMessage(db, e, seq, at, 'system', describeChanges(e.actor.name, p), 'system')
      return
    }
    case 'message.posted':
      addMessage(db, e, seq, at, 'chat', String(p.text), String(p.via ?? 'app'), p.replyTo as string | undefined)
      return
    case 'message.marked':
      stmt(db, 'UPDATE messages SET mark = ?, rev = ? WHERE id = ?').run((p.mark as string | null) ?? null, seq, p.messageId)
      return
    case 'message.edited':
      updateText(db, String(p.messageId), String(p.text), at, seq)
      return
    case 'message.deleted':
      deleteMessage(db, String(p.messageId), at, seq)
      return
    case 'system.noted':
      addMessage(db, e, seq, at, 'system', String(p.text), String(p.via ?? 'system'))
      return
    case 'command.started': {
      stmt(db, 
        `INSERT OR IGNORE INTO command_runs (run_id, incident_id, message_id, line, command, args, actor, status, danger, started_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
      ).run(p.runId, e.incidentId, e.id, p.line, p.command, json(p.args), actorJson(e), p.status, p.danger, at)
      addMessage(db, e, seq, at, 'command', String(p.line), String(p.via ?? 'app'), p.replyTo as string | undefined, String(p.runId))
      return
    }
    case 'command.confirmed':
      stmt(db, `UPDATE command_runs SET status = ?, confirmed_by = ? WHERE run_id = ? AND status = 'awaiting-confirmation'`).run(
        p.confirm ? 'running' : 'cancelled',
        e.actor.name,
        p.runId
      )
      bumpRun(db, String(p.runId), seq)
      return
    case 'command.finished':
      stmt(db, 
        `UPDATE command_runs SET status = ?, finished_at = ?, duration_ms = ?, output = ?, error = ? WHERE run_id = ?`
      ).run(p.status, at, p.durationMs ?? null, p.output ? json(p.output) : null, p.error ? json(p.error) : null, p.runId)
      bumpRun(db, String(p.runId), seq)
      return
    case 'evidence.added':
      addMessage(db, e, seq, at, 'evidence', cardLine(p.card as StoredCard), String(p.via ?? 'app'))
      projectEvidence(db, e, at)
      return
    case 'evidence.rejected':
      addMessage(db, e, seq, at, 'system', `Could not add "${String(p.name)}": ${String(p.reason)}`, 'system')
      return
    case 'ticket.created':
      stmt(db, 'UPDATE incidents SET ticket = ? WHERE id = ?').run(json(p.ticket), e.incidentId)
      addMessage(db, e, seq, at, 'system', ticketLine(p.ticket as P, p.found === true), 'system')
      return
    case 'slack.linked':
      stmt(db, 'UPDATE incidents SET slack_channel = ? WHERE id = ?').run(p.channelName, e.incidentId)
      return
    case 'settings.changed':
      stmt(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
        String(p.section),
        json(p.value)
      )
      return
    default: {
      const line = applyTeamEvent(db, e)
      if (typeof line === 'string') addMessage(db, e, seq, at, 'system', line, 'system')
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

function addMessage(
  db: Db,
  e: LogEvent,
  seq: number,
  at: number,
  kind: string,
  text: string,
  via: string,
  replyTo?: string,
  runId?: string
): void {
  if (!e.incidentId) return
  const info = stmt(db, 
      `INSERT OR IGNORE INTO messages (id, incident_id, seq, at, author, kind, text, via, reply_to, run_id, rev)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    )
    .run(e.id, e.incidentId, seq, at, actorJson(e), kind, text, via, replyTo ?? null, runId ?? null, seq)
  if (info.changes === 0) return
  stmt(db, 'UPDATE incidents SET message_count = message_count + 1, updated_at = max(updated_at, ?) WHERE id = ?').run(at, e.incidentId)
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
