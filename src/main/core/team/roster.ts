import { z } from 'zod'
import { VirgilError } from '../../../shared/errors'
import { ROLES, rosterIdFor, type Role, type RosterEntry } from '../../../shared/team'
import type { Actor } from '../commands/types'
import type { Db } from '../db/open-db'
import { stmt } from '../db/statements'
import type { EventLog } from '../log/event-log'
import { decodeHlc } from '../log/hlc'

type Listener = (entry: RosterEntry, via: 'app' | 'team') => void
type Row = { id: string; name: string; handle: string; role: string; groups: string; slack_user_id: string | null; updated_at: number }

/** A roster entry as it travels (events, the team's key-value bucket): parsed before it is used. */
export const rosterEntrySchema = z
  .object({
    id: z.string().min(1).max(120),
    name: z.string().trim().min(1).max(80),
    handle: z.string().trim().min(1).max(40),
    role: z.enum(ROLES),
    groups: z.array(z.string().trim().min(1).max(40)).max(20),
    slackUserId: z.string().max(40).optional(),
    updatedAt: z.number().int().min(0)
  })
  .strict()

const toEntry = (r: Row): RosterEntry => ({
  id: r.id,
  name: r.name,
  handle: r.handle,
  role: r.role as RosterEntry['role'],
  groups: JSON.parse(r.groups) as string[],
  ...(r.slack_user_id ? { slackUserId: r.slack_user_id } : {}),
  updatedAt: r.updated_at
})

type Held = { name: string; role: Role; updatedAt: number }
/**
 * Roster rows by id, per connection: every replicated event's author is looked up (catch-up of 100k).
 * A batch that rolls back after a roster.set is redelivered, and applying it again clears this.
 */
const held = new WeakMap<Db, Map<string, Held | null>>()

/** Called by the roster projection, the table's only writer, whenever an entry is written. */
export function rosterChanged(db: Db): void {
  held.delete(db)
}

function heldBy(db: Db, id: string): Held | null {
  let cache = held.get(db)
  if (!cache) held.set(db, (cache = new Map()))
  let row = cache.get(id)
  if (row === undefined) {
    row = (stmt(db, 'SELECT name, role, updated_at AS updatedAt FROM roster WHERE id = ?').get(id) as Held | undefined) ?? null
    cache.set(id, row)
  }
  return row
}

/**
 * Who `id` was on this workstation's roster when `hlc` was stamped. The current entry answers unless
 * it changed since and does not satisfy `enough`; then the newest earlier entry in the log does (a
 * catching-up workstation judges an analyst's old lines by the role they had, not the one they have).
 */
export function rosterAsOf(db: Db, id: string, hlc: string, enough: (role: Role) => boolean): { name: string; role: Role } | undefined {
  const now = heldBy(db, id)
  if (!now || enough(now.role)) return now ?? undefined
  const at = decodeHlc(hlc).wall
  if (now.updatedAt <= at) return now
  const then = stmt(
    db,
    `SELECT json_extract(payload, '$.entry.name') AS name, json_extract(payload, '$.entry.role') AS role FROM events
     WHERE incident_id IS NULL AND type = 'roster.set' AND json_extract(payload, '$.entry.id') = ? AND json_extract(payload, '$.entry.updatedAt') <= ?
     ORDER BY json_extract(payload, '$.entry.updatedAt') DESC LIMIT 1`
  ).get(id, at) as { name: string; role: Role } | undefined
  return then ?? now
}

/**
 * The team: who is who, their role and groups, kept as `roster.set` events and projected into the
 * roster table. This workstation's own person is remembered in meta (key `identity`).
 */
export class Roster {
  private readonly listeners = new Set<Listener>()

  constructor(
    private readonly db: Db,
    private readonly log: EventLog,
    private readonly now: () => number = Date.now
  ) {}

  list(): RosterEntry[] {
    return (this.db.prepare('SELECT * FROM roster ORDER BY name COLLATE NOCASE').all() as Row[]).map(toEntry)
  }

  /** Nobody on the roster yet: a workstation used alone, whose analyst leads. */
  isEmpty(): boolean {
    return this.db.prepare('SELECT 1 FROM roster LIMIT 1').get() === undefined
  }

  byId(id: string): RosterEntry | undefined {
    const r = this.db.prepare('SELECT * FROM roster WHERE id = ?').get(id) as Row | undefined
    return r ? toEntry(r) : undefined
  }

  bySlackUser(slackUserId: string): RosterEntry | undefined {
    const r = this.db.prepare('SELECT * FROM roster WHERE slack_user_id = ? ORDER BY updated_at DESC').get(slackUserId) as Row | undefined
    return r ? toEntry(r) : undefined
  }

  private byHandle(handle: string): RosterEntry | undefined {
    const r = this.db.prepare('SELECT * FROM roster WHERE handle = ? COLLATE NOCASE ORDER BY updated_at DESC').get(handle.trim()) as Row | undefined
    return r ? toEntry(r) : undefined
  }

  /** The person at this workstation, once they introduced themselves. */
  me(): RosterEntry | undefined {
    const row = this.db.prepare(`SELECT value FROM meta WHERE key = 'identity'`).get() as { value: string } | undefined
    return row ? this.byId(row.value) : undefined
  }

  /**
   * First run: the analyst says who they are. A handle already on the roster is theirs (role kept);
   * the first person of an empty roster leads it (someone must be able to give roles); others join
   * as analysts until a lead says otherwise.
   */
  identify(input: { name: string; handle: string }, actor: Actor): RosterEntry {
    const mine = this.me()
    const known = mine ?? this.byHandle(input.handle)
    if (mine && mine.handle.toLowerCase() !== input.handle.trim().toLowerCase()) {
      throw new VirgilError('CONFLICT', `This workstation already belongs to @${mine.handle}; the handle stays, only the name can change.`)
    }
    const entry: RosterEntry = known
      ? { ...known, name: input.name.trim(), updatedAt: this.stamp(known) }
      : { id: rosterIdFor(input.handle), name: input.name.trim(), handle: input.handle.trim(), role: this.list().length === 0 ? 'lead' : 'analyst', groups: [], updatedAt: this.stamp() }
    this.write(entry, { ...actor, id: entry.id, name: entry.name })
    this.db.prepare(`INSERT INTO meta (key, value) VALUES ('identity', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(entry.id)
    return entry
  }

  /** A lead adds or changes someone (role, groups, Slack user). Authorization happens before this. */
  set(input: Omit<RosterEntry, 'id' | 'updatedAt'> & { id?: string }, actor: Actor): RosterEntry {
    const id = input.id ?? rosterIdFor(input.handle)
    const previous = this.byId(id)
    const clash = input.id ? this.byHandle(input.handle) : (previous ?? this.byHandle(input.handle))
    if (clash && (clash.id !== id || !input.id)) throw new VirgilError('CONFLICT', `@${input.handle} is already ${clash.name} on the roster.`)
    if (previous?.role === 'lead' && input.role !== 'lead' && this.list().filter((e) => e.role === 'lead').length === 1) {
      throw new VirgilError('CONFLICT', `${previous.name} is the team's only lead; make someone else lead first.`)
    }
    const entry: RosterEntry = {
      id,
      name: input.name.trim(),
      handle: input.handle.trim(),
      role: input.role,
      groups: [...new Set(input.groups.map((g) => g.trim().toLowerCase()).filter(Boolean))].sort(),
      ...(input.slackUserId ? { slackUserId: input.slackUserId } : {}),
      updatedAt: this.stamp(previous)
    }
    this.write(entry, actor)
    return entry
  }

  /** An entry from the team's bucket: kept when it is newer than ours. Returns whether it changed anything. */
  receive(remote: unknown): boolean {
    const parsed = rosterEntrySchema.safeParse(remote)
    if (!parsed.success) return false
    const entry = parsed.data as RosterEntry
    const local = this.byId(entry.id)
    if (local && local.updatedAt >= entry.updatedAt) return false
    this.write(entry, { id: 'system:team', name: 'Team roster', role: 'system' }, 'team')
    return true
  }

  /** Called with every entry written here (by this workstation or received from the team). */
  onChange(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private stamp(previous?: RosterEntry): number {
    return Math.max(this.now(), (previous?.updatedAt ?? 0) + 1)
  }

  private write(entry: RosterEntry, actor: Actor, via: 'app' | 'team' = 'app'): void {
    this.log.appendOne({ type: 'roster.set', incidentId: null, actor: { id: actor.id, name: actor.name }, payload: { entry: { ...entry }, via, at: this.now() } })
    for (const l of this.listeners) l(entry, via)
  }
}
