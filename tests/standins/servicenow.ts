import { randomBytes } from 'node:crypto'
import { readAuthorization, startHttpStandin, type HttpStandin, type StandinReply, type StandinRequest } from './http-standin'

/**
 * ServiceNow Table API for the incident table on loopback: Basic or Bearer auth, {"result": …}
 * envelopes, encoded queries (field=value^field=value), sysparm_fields, reference fields as
 * {link, value} unless sysparm_exclude_reference_link=true, and numbers INC0010001, INC0010002, …
 * delayNextMs() stores a create at once but answers late, as a slow instance does.
 * aclHidden fields are what an ACL keeps from the integration user: left out of every answer, and a
 * query condition on one is dropped, so the query returns unrelated rows (ServiceNow's default when
 * glide.invalid_query.returns_no_rows is false).
 */
export interface ServiceNowStandin extends HttpStandin {
  /** The incident table as stored (all values strings, as ServiceNow keeps them). */
  incidents: Record<string, string>[]
  /** sys_journal_field rows (work notes, comments) as stored. */
  journal: Record<string, string>[]
  /** Adds a work note to an incident, as an analyst would in ServiceNow. */
  addWorkNote(number: string, text: string, by?: string): void
}

export interface ServiceNowStandinOptions {
  user?: string
  password?: string
  token?: string
  /** Fields the integration user may write but not read (see above). */
  aclHidden?: string[]
}

const REFERENCE_FIELDS: Record<string, string> = { caller_id: 'sys_user', assignment_group: 'sys_user_group', opened_by: 'sys_user' }
const WRITABLE = ['short_description', 'description', 'urgency', 'impact', 'correlation_id', 'caller_id', 'assignment_group', 'category', 'state']
const PRIORITY: Record<string, string> = { '11': '1', '12': '2', '21': '2', '13': '3', '22': '3', '31': '3', '23': '4', '32': '4', '33': '5' }

const failure = (status: number, message: string, detail: string): StandinReply => ({ status, body: { error: { message, detail }, status: 'failure' } })

function snowError(status: number): unknown {
  const words: Record<number, [string, string]> = {
    401: ['User Not Authenticated', 'Required to provide Auth information'],
    403: ['Operation Failed', 'ACL Exception Insert Failed due to security constraints'],
    404: ['No Record found', "Record doesn't exist or ACL restricts the record retrieval"],
    429: ['Rate limit exceeded', 'Too many requests for user in the time window']
  }
  const [message, detail] = words[status] ?? ['Internal Server Error', 'The server encountered an error processing the request']
  return { error: { message, detail }, status: 'failure' }
}

const stamp = (at: Date): string => at.toISOString().slice(0, 19).replace('T', ' ')

export async function startServiceNow(options: ServiceNowStandinOptions = {}): Promise<ServiceNowStandin> {
  const user = options.user ?? 'virgil.integration'
  const password = options.password ?? 'standin-password'
  const token = options.token ?? 'standin-oauth-token'
  const incidents: Record<string, string>[] = []
  const journal: Record<string, string>[] = []
  let nextNumber = 10001
  let base = ''
  const hidden = new Set(options.aclHidden ?? [])

  const present = (record: Record<string, string>, request: StandinRequest): Record<string, unknown> => {
    const fields = request.query.get('sysparm_fields')?.split(',').map((f) => f.trim()).filter(Boolean)
    const linkless = request.query.get('sysparm_exclude_reference_link') === 'true'
    const shown: Record<string, unknown> = {}
    for (const [field, value] of Object.entries(record)) {
      if ((fields && !fields.includes(field)) || hidden.has(field)) continue
      const table = REFERENCE_FIELDS[field]
      shown[field] = table && value && !linkless ? { link: `${base}/api/now/table/${table}/${value}`, value } : value
    }
    return shown
  }

  const matches = (record: Record<string, string>, encodedQuery: string | null): boolean =>
    !encodedQuery ||
    encodedQuery.split('^').every((condition) => {
      if (condition.startsWith('ORDERBY') || condition === '') return true
      const eq = condition.indexOf('=')
      if (hidden.has(condition.slice(0, eq))) return true
      return eq > 0 && (record[condition.slice(0, eq)] ?? '') === condition.slice(eq + 1)
    })

  const create = (request: StandinRequest, author: string): StandinReply => {
    let input: unknown
    try {
      input = JSON.parse(request.body)
    } catch {
      return failure(400, 'Exception while reading request', 'The payload is not valid JSON.')
    }
    if (!input || typeof input !== 'object') return failure(400, 'Exception while reading request', 'The payload is not a JSON object.')
    const now = stamp(new Date())
    const record: Record<string, string> = {
      sys_id: randomBytes(16).toString('hex'),
      number: `INC${String(nextNumber++).padStart(7, '0')}`,
      state: '1',
      active: 'true',
      opened_at: now,
      sys_created_on: now,
      sys_updated_on: now,
      sys_created_by: author,
      short_description: '',
      description: '',
      urgency: '3',
      impact: '3',
      correlation_id: '',
      caller_id: '',
      assignment_group: ''
    }
    for (const [field, value] of Object.entries(input as Record<string, unknown>)) {
      if (WRITABLE.includes(field) && value !== null && value !== undefined) record[field] = String(value)
    }
    record.priority = PRIORITY[`${record.impact}${record.urgency}`] ?? '5'
    incidents.push(record)
    return { status: 201, headers: { location: `${base}/api/now/table/incident/${record.sys_id}` }, body: { result: present(record, request) } }
  }

  const route = (request: StandinRequest): StandinReply => {
    const credentials = readAuthorization(request.headers)
    const author = credentials && 'token' in credentials ? (credentials.token === token ? user : undefined) : credentials?.user === user && credentials.password === password ? user : undefined
    if (!author) return { status: 401, headers: { 'www-authenticate': 'BASIC realm="Service-now"' }, body: snowError(401) }
    const one = /^\/api\/now\/table\/incident\/([0-9a-f]{32})$/.exec(request.path)
    if (request.path === '/api/now/table/incident' && request.method === 'POST') return create(request, author)
    if (request.path === '/api/now/table/incident' && request.method === 'GET') {
      const found = incidents.filter((record) => matches(record, request.query.get('sysparm_query')))
      const limit = Number(request.query.get('sysparm_limit') ?? '10000')
      const page = found.slice(0, Number.isFinite(limit) && limit > 0 ? limit : 10000)
      return { status: 200, headers: { 'x-total-count': String(found.length) }, body: { result: page.map((record) => present(record, request)) } }
    }
    if (request.path === '/api/now/table/sys_journal_field' && request.method === 'GET') {
      const found = journal.filter((row) => matches(row, request.query.get('sysparm_query'))).sort((a, b) => (a.sys_created_on ?? '').localeCompare(b.sys_created_on ?? ''))
      return { status: 200, headers: { 'x-total-count': String(found.length) }, body: { result: found.map((row) => present(row, request)) } }
    }
    if (one && request.method === 'GET') {
      const record = incidents.find((r) => r.sys_id === one[1])
      return record ? { status: 200, body: { result: present(record, request) } } : { status: 404, body: snowError(404) }
    }
    return failure(400, 'Requested URI does not represent any resource', request.path)
  }

  const standin = await startHttpStandin(route, { errorBody: snowError })
  base = standin.url
  const addWorkNote = (number: string, text: string, by = 'soc.analyst'): void => {
    const record = incidents.find((r) => r.number === number)
    if (!record) throw new Error(`stand-in has no ${number}`)
    const at = new Date(Date.parse('2026-01-01T00:00:00Z') + journal.length * 60_000)
    journal.push({ sys_id: randomBytes(16).toString('hex'), element_id: record.sys_id as string, element: 'work_notes', name: 'incident', value: text, sys_created_on: stamp(at), sys_created_by: by })
  }
  return { ...standin, incidents, journal, addWorkNote }
}
