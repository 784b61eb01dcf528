/** Who is who on the team: roles, roster entries, and the pure rules both sides share. */
export const ROLES = ['viewer', 'analyst', 'lead'] as const
export type Role = (typeof ROLES)[number]

export interface RosterEntry {
  /** Stable id every event carries as its author (e.g. "user:ana"). */
  id: string
  name: string
  handle: string
  role: Role
  /** Groups that may see restricted incidents (e.g. "insider", "legal"). */
  groups: string[]
  slackUserId?: string
  /** When this entry last changed (ms); the newest copy wins across the team. */
  updatedAt: number
}

const RANK: Record<Role | 'system', number> = { viewer: 0, analyst: 1, lead: 2, system: 3 }

export function hasRole(role: Role | 'system', atLeast: Role): boolean {
  return RANK[role] >= RANK[atLeast]
}

/** A roster id from a handle: lower case, dots for spaces. */
export function rosterIdFor(handle: string): string {
  return `user:${handle.trim().toLowerCase().replace(/\s+/g, '.')}`
}

/** True when someone in these groups may see an incident restricted to `restricted` (empty: open to all). */
export function maySee(restricted: readonly string[] | undefined, groups: readonly string[] | undefined): boolean {
  if (!restricted || restricted.length === 0) return true
  return (groups ?? []).some((g) => restricted.includes(g))
}
