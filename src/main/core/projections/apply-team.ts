import type { Db } from '../db/open-db'
import { stmt } from '../db/statements'
import type { LogEvent } from '../log/event'
import { rosterChanged } from '../team/roster'

type P = Record<string, unknown>

/**
 * Projections of team events: roster entries (newest copy wins by its updatedAt) and the groups an
 * incident is restricted to. Returns the room line to add, if any.
 */
export function applyTeamEvent(db: Db, e: LogEvent): string | undefined {
  const p = e.payload as P
  switch (e.type) {
    case 'roster.set': {
      const entry = p.entry as P
      stmt(
        db,
        `INSERT INTO roster (id, name, handle, role, groups, slack_user_id, updated_at)
         VALUES (@id, @name, @handle, @role, @groups, @slack, @updatedAt)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, handle = excluded.handle, role = excluded.role,
           groups = excluded.groups, slack_user_id = excluded.slack_user_id, updated_at = excluded.updated_at
         WHERE excluded.updated_at >= roster.updated_at`
      ).run({
        id: String(entry.id),
        name: String(entry.name),
        handle: String(entry.handle),
        role: String(entry.role),
        groups: JSON.stringify(entry.groups ?? []),
        slack: (entry.slackUserId as string | undefined) ?? null,
        updatedAt: Number(entry.updatedAt ?? 0)
      })
      rosterChanged(db)
      return undefined
    }
    case 'incident.restricted': {
      const groups = (p.groups as string[] | undefined) ?? []
      stmt(db, 'UPDATE incidents SET restricted_groups = ? WHERE id = ?').run(JSON.stringify(groups), e.incidentId)
      return groups.length
        ? `${e.actor.name} restricted this incident to ${groups.join(', ')}: only members of those groups see it`
        : `${e.actor.name} lifted the restriction: everyone on the team sees this incident`
    }
    default:
      return undefined
  }
}
