import type { Db } from '../db/open-db'

export interface SlackRoom {
  incidentId: string
  channelId: string | null
  channelName: string | null
  archived: boolean
}

export interface MappedMessage {
  channelId: string
  ts: string
  incidentId: string
  messageId: string | null
  runId: string | null
  direction: 'in' | 'out'
}

type Row = Record<string, unknown>

const toRoom = (r: Row): SlackRoom => ({
  incidentId: String(r.incident_id),
  channelId: (r.channel_id as string | null) ?? null,
  channelName: (r.channel_name as string | null) ?? null,
  archived: r.archived === 1
})

const toMapped = (r: Row): MappedMessage => ({
  channelId: String(r.channel_id),
  ts: String(r.ts),
  incidentId: String(r.incident_id),
  messageId: (r.message_id as string | null) ?? null,
  runId: (r.run_id as string | null) ?? null,
  direction: r.direction === 'in' ? 'in' : 'out'
})

/**
 * The mirror's own memory: which incident has which channel, and which Slack ts is which Virgil
 * message (both ways), so edits, deletions and threads find their counterpart and nothing is
 * mirrored twice.
 */
export class MirrorStore {
  constructor(private readonly db: Db) {}

  /** Marks an incident as mirrored (its channel is queued); true the first time. */
  addRoom(incidentId: string, at: number): boolean {
    return this.db.prepare('INSERT OR IGNORE INTO slack_rooms (incident_id, queued_at) VALUES (?, ?)').run(incidentId, at).changes > 0
  }

  room(incidentId: string): SlackRoom | undefined {
    const r = this.db.prepare('SELECT * FROM slack_rooms WHERE incident_id = ?').get(incidentId) as Row | undefined
    return r ? toRoom(r) : undefined
  }

  roomByChannel(channelId: string): SlackRoom | undefined {
    const r = this.db.prepare('SELECT * FROM slack_rooms WHERE channel_id = ?').get(channelId) as Row | undefined
    return r ? toRoom(r) : undefined
  }

  link(incidentId: string, channelId: string, channelName: string): void {
    this.db
      .prepare(
        `INSERT INTO slack_rooms (incident_id, channel_id, channel_name, queued_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(incident_id) DO UPDATE SET channel_id = excluded.channel_id, channel_name = excluded.channel_name`
      )
      .run(incidentId, channelId, channelName, Date.now())
  }

  setArchived(incidentId: string, archived: boolean): void {
    this.db.prepare('UPDATE slack_rooms SET archived = ? WHERE incident_id = ?').run(archived ? 1 : 0, incidentId)
  }

  /** Channels that are mirrored both ways right now. */
  liveChannelIds(): string[] {
    const rows = this.db.prepare('SELECT channel_id FROM slack_rooms WHERE channel_id IS NOT NULL AND archived = 0').all() as { channel_id: string }[]
    return rows.map((r) => r.channel_id)
  }

  /** The newest message ts known per channel, where reading resumes after a restart. */
  lastSeenTs(): Map<string, string> {
    const rows = this.db
      .prepare('SELECT channel_id, max(ts) AS ts FROM slack_messages GROUP BY channel_id')
      .all() as { channel_id: string; ts: string }[]
    return new Map(rows.map((r) => [r.channel_id, r.ts]))
  }

  /** Claims a Slack message for mirroring; false when it was already seen (the (channel, ts) dedupe). */
  claim(m: Omit<MappedMessage, 'messageId' | 'runId'> & { messageId?: string; runId?: string }): boolean {
    const info = this.db
      .prepare(
        `INSERT OR IGNORE INTO slack_messages (channel_id, ts, incident_id, message_id, run_id, direction, at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`
      )
      .run(m.channelId, m.ts, m.incidentId, m.messageId ?? null, m.runId ?? null, m.direction, Date.now())
    return info.changes > 0
  }

  setMessage(channelId: string, ts: string, messageId: string, runId: string | null): void {
    this.db.prepare('UPDATE slack_messages SET message_id = ?, run_id = ? WHERE channel_id = ? AND ts = ?').run(messageId, runId, channelId, ts)
  }

  release(channelId: string, ts: string): void {
    this.db.prepare('DELETE FROM slack_messages WHERE channel_id = ? AND ts = ? AND message_id IS NULL').run(channelId, ts)
  }

  bySlack(channelId: string, ts: string): MappedMessage | undefined {
    const r = this.db.prepare('SELECT * FROM slack_messages WHERE channel_id = ? AND ts = ?').get(channelId, ts) as Row | undefined
    return r ? toMapped(r) : undefined
  }

  /** The first Slack message of a Virgil message (the thread root for a command's output). */
  byMessage(messageId: string): MappedMessage | undefined {
    const r = this.db.prepare('SELECT * FROM slack_messages WHERE message_id = ? ORDER BY ts LIMIT 1').get(messageId) as Row | undefined
    return r ? toMapped(r) : undefined
  }

  byRun(runId: string): MappedMessage | undefined {
    const r = this.db.prepare('SELECT * FROM slack_messages WHERE run_id = ? ORDER BY ts LIMIT 1').get(runId) as Row | undefined
    return r ? toMapped(r) : undefined
  }

  /**
   * When this outbox item was first tried, recording now on the first try. A second call (a retry,
   * even after a crash) answers the first time, so the delivery looks for parts that already landed.
   */
  firstTry(key: string, now: number): { first: boolean; at: number } {
    const inserted = this.db.prepare('INSERT OR IGNORE INTO slack_tries (key, first_at) VALUES (?, ?)').run(key, now).changes > 0
    if (inserted) return { first: true, at: now }
    const row = this.db.prepare('SELECT first_at FROM slack_tries WHERE key = ?').get(key) as { first_at: number }
    return { first: false, at: row.first_at }
  }
}
