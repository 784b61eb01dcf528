import type { CommandOutput } from '../../../shared/command-output'
import { extractIocs, type IocType } from '../../../shared/ioc'
import type { Db } from '../db/open-db'
import { stmt } from '../db/statements'
import type { EventLog } from '../log/event-log'
import { outputText } from '../search/output-text'
import { createLogger } from '../logger'
import { payloadOf, typed } from '../log/events'

const logger = createLogger('archive')

export const FACET_KINDS = ['priority', 'status', 'member', 'command', 'ip', 'domain', 'url', 'hash', 'email', 'cve'] as const
export type FacetKind = (typeof FACET_KINDS)[number]

const IOC_FACET: Record<IocType, FacetKind> = { ipv4: 'ip', ipv6: 'ip', domain: 'domain', url: 'url', email: 'email', md5: 'hash', sha1: 'hash', sha256: 'hash', cve: 'cve' }
const MAX_INDICATORS = 5000

/**
 * What an archived incident can be found by: every priority and status it had, its members, the
 * commands run in it and the indicators in its lines and outputs. Written when it is archived.
 */
export function indexArchiveFacets(db: Db, incidentId: string): number {
  const facets = new Set<string>()
  const add = (kind: FacetKind, value: unknown): void => {
    if (typeof value === 'string' && value.trim() !== '') facets.add(`${kind}\u0000${value.trim().toLowerCase()}`)
  }
  for (const e of stmt(db, `SELECT type, payload FROM events WHERE incident_id = ? AND type IN ('incident.opened', 'incident.updated') ORDER BY seq`).all(incidentId) as { type: string; payload: string }[]) {
    const event = typed({ type: e.type, payload: JSON.parse(e.payload) as Record<string, unknown> })
    const fields: Record<string, unknown> = event?.type === 'incident.opened' ? { ...event.payload, status: 'new' } : event?.type === 'incident.updated' ? event.payload.changes : {}
    add('priority', fields.priority)
    add('status', fields.status)
    add('member', fields.leader)
    if (Array.isArray(fields.members)) for (const m of fields.members) add('member', m)
  }
  const texts: string[] = []
  const incident = stmt(db, 'SELECT title, description FROM incidents WHERE id = ?').get(incidentId) as { title: string; description: string } | undefined
  if (incident) texts.push(incident.title, incident.description)
  for (const r of stmt(db, 'SELECT command, line, output FROM command_runs WHERE incident_id = ?').all(incidentId) as { command: string; line: string; output: string | null }[]) {
    add('command', r.command)
    texts.push(r.line, r.output ? outputText(JSON.parse(r.output) as CommandOutput) : '')
  }
  for (const r of stmt(db, `SELECT text FROM messages WHERE incident_id = ? AND kind = 'chat' AND deleted = 0`).all(incidentId) as { text: string }[]) texts.push(r.text)
  let indicators = 0
  for (const ioc of extractIocs(texts.join('\n'))) {
    if (indicators++ >= MAX_INDICATORS) break
    add(IOC_FACET[ioc.type], ioc.value)
    // A link's host is an indicator too: searching the archive for a domain finds the URL's incident.
    if (ioc.type === 'url') {
      const host = /^[a-z]+:\/\/([^/:?#]+)/i.exec(ioc.value)?.[1]
      if (host) add('domain', host)
    }
  }
  db.transaction(() => {
    stmt(db, 'DELETE FROM incident_facets WHERE incident_id = ?').run(incidentId)
    const put = stmt(db, 'INSERT OR IGNORE INTO incident_facets (incident_id, kind, value) VALUES (?, ?, ?)')
    for (const f of facets) {
      const [kind, value] = f.split('\u0000')
      put.run(incidentId, kind, value)
    }
  })()
  return facets.size
}

function isClosing(e: { type: string; payload: Record<string, unknown> }): boolean {
  return payloadOf(e, 'incident.updated')?.changes.status !== undefined
}

/** Keeps the facets of archived incidents, local and replicated; catches up on start. */
export function startArchiveIndexer(db: Db, log: EventLog): () => void {
  for (const r of stmt(db, `SELECT id FROM incidents WHERE status = 'closed' AND id NOT IN (SELECT incident_id FROM incident_facets)`).all() as { id: string }[]) {
    indexArchiveFacets(db, r.id)
  }
  return log.onCommit((events) => {
    for (const e of events) {
      if (!e.incidentId || !isClosing(e)) continue
      try {
        const status = (stmt(db, 'SELECT status FROM incidents WHERE id = ?').get(e.incidentId) as { status: string } | undefined)?.status
        if (status === 'closed') indexArchiveFacets(db, e.incidentId)
        else stmt(db, 'DELETE FROM incident_facets WHERE incident_id = ?').run(e.incidentId)
      } catch (err) {
        logger.error('could not index an archived incident; the archive view may miss it until the next start', { error: err })
      }
    }
  })
}
