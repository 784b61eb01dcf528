import { z } from 'zod'
import { isVirgilError } from '../../../shared/errors'
import type { RosterEntry } from '../../../shared/team'
import type { GatewaySource } from './gateway-source'

/** What the mirror needs of the team roster (core/team/roster.ts). */
export interface TeamRoster {
  bySlackUser(slackUserId: string): RosterEntry | undefined
  list(): RosterEntry[]
}

export interface SlackPerson {
  /** The analyst this Slack account is mapped to in Settings → Slack, if any. */
  analyst?: string
  /** Their roster entry when a lead recorded their Slack user id: role and groups come from it. */
  member?: RosterEntry
  /** How the room shows them. */
  name: string
}

const SLACK_ID = /^[UW][A-Z0-9]{2,}$/
const userInfoSchema = z.object({
  ok: z.literal(true),
  user: z.object({ name: z.string().optional(), real_name: z.string().optional(), profile: z.object({ display_name: z.string().optional() }).optional() })
})

/**
 * Who is who on both sides: analyst names map to Slack user ids or emails (Settings → Slack → user
 * map). Emails are resolved once through users.lookupByEmail and remembered until Settings change.
 */
export class SlackUsers {
  private byEmail = new Map<string, string | null>()
  private names = new Map<string, string>()
  private mapKey = ''

  constructor(
    private readonly source: GatewaySource,
    private readonly roster?: TeamRoster
  ) {}

  /** Slack ids of roster members in any of these groups (a restricted incident's private channel). */
  groupMembers(groups: readonly string[]): string[] {
    return (this.roster?.list() ?? []).filter((e) => e.slackUserId && e.groups.some((g) => groups.includes(g))).map((e) => e.slackUserId as string)
  }

  /** Slack ids for these analysts; the ones with no mapping (or an unknown email) come back in `unmapped`. */
  async idsFor(analysts: string[]): Promise<{ ids: string[]; unmapped: string[] }> {
    const ids: string[] = []
    const unmapped: string[] = []
    for (const analyst of new Set(analysts.filter((a) => a.trim() !== ''))) {
      const id = await this.resolve(this.entryFor(analyst))
      if (id) ids.push(id)
      else unmapped.push(analyst)
    }
    return { ids: [...new Set(ids)], unmapped }
  }

  async whoIs(slackUserId: string): Promise<SlackPerson> {
    const member = this.roster?.bySlackUser(slackUserId)
    if (member) return { analyst: member.name, name: member.name, member }
    for (const [analyst, entry] of Object.entries(this.userMap())) {
      if ((await this.resolve(entry)) === slackUserId) return { analyst, name: analyst }
    }
    return { name: await this.displayName(slackUserId) }
  }

  /** Whether a mapped analyst may run commands from Slack (an empty allow-list lets every mapped analyst). */
  mayRun(analyst: string): boolean {
    const allowed = this.source.config()?.slack.allowedRunners ?? []
    return allowed.length === 0 || allowed.some((name) => name.toLowerCase() === analyst.toLowerCase())
  }

  private userMap(): Record<string, string> {
    const map = this.source.config()?.slack.userMap ?? {}
    const key = JSON.stringify(map)
    if (key !== this.mapKey) {
      this.mapKey = key
      this.byEmail = new Map()
    }
    return map
  }

  private entryFor(analyst: string): string | undefined {
    const map = this.userMap()
    const found = Object.keys(map).find((name) => name.toLowerCase() === analyst.toLowerCase())
    return found === undefined ? undefined : map[found]
  }

  private async resolve(entry: string | undefined): Promise<string | null> {
    if (!entry) return null
    if (SLACK_ID.test(entry)) return entry
    if (!entry.includes('@')) return null
    const email = entry.toLowerCase()
    const known = this.byEmail.get(email)
    if (known !== undefined) return known
    try {
      const found = await this.source.gateway().lookupUserByEmail(email)
      this.byEmail.set(email, found?.id ?? null)
      return found?.id ?? null
    } catch (error) {
      if (isVirgilError(error) && (error.code === 'RATE_LIMITED' || error.code === 'UNAVAILABLE' || error.code === 'TIMEOUT')) throw error
      this.byEmail.set(email, null) // a missing scope or an unknown email: treat as unmapped, do not ask again
      return null
    }
  }

  /** The person's Slack name through users.info; their id when Slack will not say (no users:read). */
  private async displayName(userId: string): Promise<string> {
    const cached = this.names.get(userId)
    if (cached) return cached
    const config = this.source.config()
    let name = `Slack user ${userId}`
    if (config) {
      try {
        const response = await fetch(new URL('users.info', config.apiUrl), {
          method: 'POST',
          headers: { authorization: `Bearer ${config.token}`, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ user: userId }),
          signal: AbortSignal.timeout(5_000)
        })
        const parsed = userInfoSchema.safeParse(await response.json())
        if (parsed.success) {
          const u = parsed.data.user
          name = u.profile?.display_name || u.real_name || u.name || name
        }
      } catch {
        // Slack unreachable: the id will do, and the next message asks again
        return name
      }
    }
    this.names.set(userId, name)
    return name
  }
}
