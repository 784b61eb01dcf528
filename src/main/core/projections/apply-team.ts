import type { Db } from '../db/open-db'
import { stmt } from '../db/statements'
import type { TypedEvent } from '../log/events'
import { rosterChanged } from '../team/roster'

/**
 * Projections of team events: roster entries (newest copy wins by its updatedAt) and the groups an
 * incident is restricted to. Returns the room line to add, if any.
 */
export function applyTeamEvent(db: Db, e: TypedEvent): string | undefined {
  switch (e.type) {
    case 'roster.set': {
      const entry = e.payload.entry
      stmt(
        db,
        `INSERT INTO roster (id, name, handle, role, groups, slack_user_id, updated_at)
         VALUES (@id, @name, @handle, @role, @groups, @slack, @updatedAt)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, handle = excluded.handle, role = excluded.role,
           groups = excluded.groups, slack_user_id = excluded.slack_user_id, updated_at = excluded.updated_at
         WHERE excluded.updated_at >= roster.updated_at`
      ).run({
        id: entry.id,
        name: entry.name,
        handle: entry.handle,
        role: entry.role,
        groups: JSON.stringify(entry.groups ?? []),
        slack: entry.slackUserId ?? null,
        updatedAt: entry.updatedAt ?? 0
      })
      rosterChanged(db)
      return undefined
    }
    case 'incident.restricted': {
      const groups = e.payload.groups
      // The newest restriction by stamp decides: an older one can arrive late (released from quarantine).
      stmt(
        db,
        `UPDATE incidents SET restricted_groups = ? WHERE id = ?
           AND NOT EXISTS (SELECT 1 FROM events WHERE incident_id = ? AND type = 'incident.restricted' AND hlc > ?)`
      ).run(JSON.stringify(groups), e.incidentId, e.incidentId, e.hlc)
      return groups.length
        ? `${e.actor.name} restricted this incident to ${groups.join(', ')}: only members of those groups see it`
        : `${e.actor.name} lifted the restriction: everyone on the team sees this incident`
    }
    default:
      return undefined
  }
}
