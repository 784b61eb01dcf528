import { channels } from '../../../shared/contract'
import type { Session } from '../../../shared/domain'
import { createLogger } from '../logger'
import { VirgilError } from '../../../shared/errors'
import type { Actor } from '../commands/types'
import type { Db } from '../db/open-db'
import type { Handlers } from '../dispatch'
import type { EventLog } from '../log/event-log'
import type { SettingsService } from '../settings/settings-service'
import { createAuthorizer, type Authorize } from '../access/authorize'
import { hideRestricted } from '../access/hide-restricted'
import { hiddenIncidents } from '../access/visibility'
import { findIncident } from '../incidents/incident-repo'
import { Roster } from './roster'
import { startRosterKv, type RosterKv } from './roster-kv'

export interface TeamDeps {
  db: Db
  log: EventLog
  settings: SettingsService
  isCommand(text: string): boolean
  /** A name to offer on first run (desktop: the OS user's name). */
  suggestedName?: string
  now?: () => number
}

const logger = createLogger('team')

type TeamChannels = 'identity:set' | 'roster:list' | 'roster:set' | 'incident:restrict'

/** Who is at this workstation, the team roster, roles checked in one place, and restricted incidents. */
export function installTeam(deps: TeamDeps) {
  const { db, log, settings } = deps
  const roster = new Roster(db, log, deps.now)
  const authorize: Authorize = createAuthorizer({ db, log, isCommand: deps.isCommand })

  /**
   * Before anyone introduced themselves the workstation is used as it always was: alone (an empty
   * roster) its one user leads it; once a team roster exists, an unknown person only reads.
   */
  const actor = (): Actor => {
    const me = roster.me()
    if (me) return { id: me.id, name: me.name, role: me.role, groups: me.groups, via: 'app' }
    const name = settings.current().analyst.name
    const alone = roster.isEmpty()
    return { id: `analyst:${name.toLowerCase().replace(/\s+/g, '.')}`, name, role: alone ? 'lead' : 'viewer', groups: [], via: 'app' }
  }

  const user = (): Session['user'] & { identity?: Session['identity'] } => {
    const me = roster.me()
    const a = actor()
    const role = a.role === 'system' ? 'lead' : a.role
    if (me) return { id: me.id, name: me.name, role, handle: me.handle, groups: me.groups }
    const suggested = deps.suggestedName ?? (a.name !== 'Analyst' ? a.name : undefined)
    return { id: a.id, name: a.name, role, identity: { needed: true, ...(suggested ? { suggestedName: suggested } : {}) } }
  }

  const handlers = (session: () => Session): Pick<Handlers, TeamChannels> => ({
    'identity:set': async (i, a) => {
      roster.identify(i, a)
      return session()
    },
    'roster:list': async () => roster.list(),
    'roster:set': async (i, a) => {
      roster.set({ ...i, ...(i.slackUserId ? { slackUserId: i.slackUserId } : {}) }, a)
      return roster.list()
    },
    'incident:restrict': async (i, a) => {
      const incident = findIncident(db, i.id)
      if (!incident) throw new VirgilError('NOT_FOUND', `No incident ${i.id} here.`)
      const groups = [...new Set(i.groups)].sort()
      log.appendOne({ type: 'incident.restricted', incidentId: incident.id, actor: a, payload: { groups, at: Date.now() } })
      return findIncident(db, incident.id) ?? incident
    }
  })

  let kv: RosterKv | undefined
  let applied = ''
  const applyKv = async (): Promise<void> => {
    const conf = settings.current().sync
    const token = settings.secret('sync.token')
    const key = `${conf.enabled}|${conf.servers}|${conf.user}|${token ?? ''}`
    if (key === applied) return
    applied = key
    await kv?.close()
    kv = undefined
    if (!conf.enabled || !conf.servers) return
    kv = startRosterKv(roster, { servers: conf.servers.split(',').map((s) => s.trim()), ...(conf.user ? { user: conf.user } : {}), ...(token ? { token } : {}) })
  }
  void applyKv()
  const unsubscribe = settings.onChange(() => void applyKv())

  /** Serve and desktop can be started as a known person (no first-run dialog); a bad preset is ignored in words. */
  const presetIdentity = (input: { name: string; handle: string }): void => {
    if (roster.me()) return
    const parsed = channels['identity:set'].input.safeParse(input)
    if (!parsed.success) {
      logger.warn('ignored the preset identity: the name or handle is not valid; the first-run dialog will ask', { issue: parsed.error.issues[0]?.message })
      return
    }
    roster.identify(parsed.data, actor())
  }

  return {
    roster,
    presetIdentity,
    authorize,
    actor,
    user,
    handlers,
    /** Wraps the core's handlers so lists, search, archive and suggestions leave out what the actor may not see. */
    guard: (all: Handlers): Handlers => hideRestricted(all, db),
    hidden: (a: Actor) => hiddenIncidents(db, a),
    isHiddenFromMe: (incidentId: string) => hiddenIncidents(db, actor()).has(incidentId),
    kv: () => kv,
    async close() {
      unsubscribe()
      await kv?.close()
    }
  }
}

export type Team = ReturnType<typeof installTeam>
