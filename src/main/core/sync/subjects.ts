import type { JetStreamManager } from 'nats'
import type { Db } from '../db/open-db'
import type { EventLog } from '../log/event-log'

/**
 * The subject space, designed with the permissions in docs/nats/team.conf:
 *   <subjectPrefix>.<incident>                 normal incidents, stream <stream>
 *   <restrictedPrefix>.<group>.<incident>      restricted incidents, one stream per group
 *                                              (<stream>_R_<GROUP>)
 * A stream per group lets the server grant or refuse a whole group by stream name: a user without
 * the group can neither publish to its subjects nor create, read or ack a consumer on its stream.
 */
export interface SubjectSpace {
  stream: string
  subjectPrefix: string
  restrictedPrefix: string
}

export function groupStream(space: SubjectSpace, group: string): string {
  return `${space.stream}_R_${group.toUpperCase().replace(/[^A-Z0-9_-]/g, '_')}`
}

/** What this workstation reads: the open stream, and one stream per restricted group it is in. */
export function feedsFor(space: SubjectSpace, groups: string[]): { stream: string; filter: string; group: string | null }[] {
  return [
    { stream: space.stream, filter: `${space.subjectPrefix}.>`, group: null },
    ...groups.map((g) => ({ stream: groupStream(space, g), filter: `${space.restrictedPrefix}.${g}.>`, group: g }))
  ]
}

/**
 * Where an incident's events go: the groups of its latest `incident.restricted` event (read from
 * the events table, kept current from the log), else the open subject.
 */
export class SubjectRouter {
  private readonly groups = new Map<string, string[]>()
  private readonly stop: () => void

  constructor(
    private readonly db: Db,
    log: EventLog,
    private readonly space: SubjectSpace
  ) {
    this.stop = log.onCommit((events) => {
      for (const e of events) if (e.type === 'incident.restricted' && e.incidentId) this.groups.delete(e.incidentId)
    })
  }

  groupsOf(incidentId: string): string[] {
    let groups = this.groups.get(incidentId)
    if (!groups) {
      const row = this.db
        .prepare(`SELECT payload FROM events WHERE incident_id = ? AND type = 'incident.restricted' ORDER BY hlc DESC LIMIT 1`)
        .get(incidentId) as { payload: string } | undefined
      groups = row ? ((JSON.parse(row.payload) as { groups?: string[] }).groups ?? []) : []
      this.groups.set(incidentId, groups)
    }
    return groups
  }

  /**
   * Where an event of the incident goes. The restriction itself also goes on the open subject: it
   * carries only group names, and it is how workstations outside the groups learn to hide what they
   * already hold of the incident.
   */
  subjectsFor(incidentId: string, type?: string): string[] {
    const open = `${this.space.subjectPrefix}.${incidentId}`
    const groups = this.groupsOf(incidentId)
    if (!groups.length) return [open]
    const restricted = groups.map((g) => `${this.space.restrictedPrefix}.${g}.${incidentId}`)
    return type === 'incident.restricted' ? [open, ...restricted] : restricted
  }

  isOpenSubject(subject: string): boolean {
    return subject.startsWith(`${this.space.subjectPrefix}.`)
  }

  /** Whether a message's subject fits the event it carries (its incident is the last token). */
  fits(subject: string, incidentId: string | null): boolean {
    if (!incidentId) return false
    const open = `${this.space.subjectPrefix}.${incidentId}`
    if (subject === open) return true
    const rest = subject.startsWith(`${this.space.restrictedPrefix}.`) ? subject.slice(this.space.restrictedPrefix.length + 1).split('.') : []
    return rest.length === 2 && rest[1] === incidentId
  }

  close(): void {
    this.stop()
  }
}

export interface StreamOptions {
  replicas: number
  duplicateWindowMs: number
}

/**
 * Creates the open stream and the group streams this workstation reads when missing (an admin
 * creates them on a team server where users may not); keeps replicas as configured.
 */
export async function ensureStreams(jsm: JetStreamManager, space: SubjectSpace, groups: string[], opts: StreamOptions): Promise<string[]> {
  const problems: string[] = []
  for (const feed of feedsFor(space, groups)) {
    const subjects = [feed.group ? `${space.restrictedPrefix}.${feed.group}.>` : `${space.subjectPrefix}.>`]
    try {
      const info = await jsm.streams.info(feed.stream).catch(() => null)
      if (!info) {
        await jsm.streams.add({ name: feed.stream, subjects, num_replicas: opts.replicas, duplicate_window: opts.duplicateWindowMs * 1_000_000 })
      } else if (info.config.num_replicas !== opts.replicas) {
        await jsm.streams.update(feed.stream, { ...info.config, num_replicas: opts.replicas })
      }
    } catch (err) {
      problems.push(`${feed.stream}: ${err instanceof Error ? err.message : String(err)}`)
    }
  }
  return problems
}

/** `<prefix>.checkpoints.<origin>`: inside the stream's subjects, one token deeper than an incident's. */
export const checkpointSubject = (prefix: string, origin: string): string => `${prefix}.checkpoints.${origin}`
export const isCheckpointSubject = (prefix: string, subject: string): boolean => subject.startsWith(`${prefix}.checkpoints.`)
