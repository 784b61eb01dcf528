import type { ArchivedIncident, ArchiveFilters } from '../../../shared/domain'
import { classifyIndicator, refang } from '../../../shared/ioc'
import type { Db } from '../db/open-db'

const SORTS: Record<NonNullable<ArchiveFilters['sort']>, string> = {
  closed: 'i.closed_at',
  opened: 'i.opened_at',
  priority: 'i.priority',
  number: 'i.number',
  duration: '(i.closed_at - i.opened_at)'
}

const INDICATOR_FACET: Record<string, string> = { ipv4: 'ip', ipv6: 'ip', domain: 'domain', url: 'url', email: 'email', md5: 'hash', sha1: 'hash', sha256: 'hash', cve: 'cve' }

function facet(kind: string, value: string, params: Record<string, unknown>, n: number): string {
  params[`fk${n}`] = kind
  params[`fv${n}`] = value.trim().toLowerCase()
  return `EXISTS (SELECT 1 FROM incident_facets f WHERE f.incident_id = i.id AND f.kind = @fk${n} AND f.value = @fv${n})`
}

/** Archived (closed) incidents matching the filters, one page at a time, with the total. */
export function listArchived(db: Db, f: ArchiveFilters, offset: number, limit: number, hidden: ReadonlySet<string> = new Set()): { rows: ArchivedIncident[]; total: number } {
  const params: Record<string, unknown> = { offset, limit }
  const where = [`i.status = 'closed'`]
  if (hidden.size) {
    params.hidden = JSON.stringify([...hidden])
    where.push('i.id NOT IN (SELECT value FROM json_each(@hidden))')
  }
  if (f.closedFrom !== undefined) {
    params.closedFrom = f.closedFrom
    where.push('i.closed_at >= @closedFrom')
  }
  if (f.closedTo !== undefined) {
    params.closedTo = f.closedTo
    where.push('i.closed_at < @closedTo')
  }
  if (f.priorities?.length) where.push(`i.priority IN (${f.priorities.map((p, n) => ((params[`p${n}`] = p), `@p${n}`)).join(', ')})`)
  if (f.sources?.length) where.push(`i.source IN (${f.sources.map((s, n) => ((params[`s${n}`] = s), `@s${n}`)).join(', ')})`)
  if (f.leader) {
    params.leader = f.leader
    where.push('i.leader = @leader COLLATE NOCASE')
  }
  let n = 0
  if (f.member) where.push(facet('member', f.member, params, n++))
  if (f.status) where.push(facet('status', f.status, params, n++))
  if (f.command) where.push(facet('command', f.command, params, n++))
  if (f.indicator) {
    const value = refang(f.indicator.trim())
    const type = classifyIndicator(value)
    // An indicator we cannot classify is looked up under every kind.
    if (type) where.push(facet(INDICATOR_FACET[type] ?? 'domain', value, params, n))
    else {
      params.fvAny = value.toLowerCase()
      where.push(`EXISTS (SELECT 1 FROM incident_facets f WHERE f.incident_id = i.id AND f.value = @fvAny)`)
    }
  }
  const whereSql = where.join(' AND ')
  const order = `${SORTS[f.sort ?? 'closed']} ${f.direction === 'asc' ? 'ASC' : 'DESC'}, i.number DESC`
  const total = (db.prepare(`SELECT count(*) AS n FROM incidents i WHERE ${whereSql}`).get(params) as { n: number }).n
  const rows = db
    .prepare(`SELECT id, number, title, priority, source, leader, members, opened_at, closed_at, message_count FROM incidents i WHERE ${whereSql} ORDER BY ${order} LIMIT @limit OFFSET @offset`)
    .all(params) as Record<string, unknown>[]
  return {
    total,
    rows: rows.map((r) => ({
      id: String(r.id),
      number: String(r.number),
      title: String(r.title),
      priority: r.priority as ArchivedIncident['priority'],
      source: r.source as ArchivedIncident['source'],
      leader: String(r.leader),
      members: JSON.parse(String(r.members)) as string[],
      openedAt: Number(r.opened_at),
      closedAt: Number(r.closed_at),
      messageCount: Number(r.message_count)
    }))
  }
}
