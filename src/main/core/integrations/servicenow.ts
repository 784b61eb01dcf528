import { z } from 'zod'
import { VirgilError } from '../../../shared/errors'
import { requestJson } from './http'

export type ServiceNowAuth = { user: string; password: string } | { token: string }

export interface ServiceNowConfig {
  /** The instance, e.g. https://acme.service-now.com */
  baseUrl: string
  auth: ServiceNowAuth
  timeoutMs?: number
}

export interface NewIncident {
  shortDescription: string
  description: string
  /** ServiceNow's scale: 1 high, 2 medium, 3 low. */
  urgency: 1 | 2 | 3
  impact: 1 | 2 | 3
  /** Our idempotency key: the Virgil incident id. */
  correlationId: string
  callerId?: string
  assignmentGroup?: string
}

export interface TicketCreated {
  sysId: string
  number: string
  link: string
  /** False when a ticket carrying this correlation id was already there (an earlier attempt filed it). */
  created: boolean
}

const SERVICE = 'ServiceNow'
const recordSchema = z.object({ sys_id: z.string().min(1), number: z.string().min(1) })
const foundSchema = recordSchema.extend({ correlation_id: z.unknown().optional() })
const oneSchema = z.object({ result: recordSchema })
const manySchema = z.object({ result: z.array(foundSchema) })
/** Rows read per lookup: enough to find ours when an instance ignores the filter and returns others first. */
const LOOKUP_ROWS = 20

/** A reference-style field comes back as {value, display_value} with sysparm_display_value=all. */
function fieldValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (value && typeof value === 'object' && typeof (value as { value?: unknown }).value === 'string') return (value as { value: string }).value
  return undefined
}

/** Incidents through the ServiceNow Table API. */
export class ServiceNowClient {
  private readonly baseUrl: string

  constructor(private readonly config: ServiceNowConfig) {
    this.baseUrl = config.baseUrl.replace(/\/+$/, '')
  }

  async createIncident(incident: NewIncident, signal?: AbortSignal): Promise<TicketCreated> {
    const body: Record<string, string> = {
      short_description: incident.shortDescription.slice(0, 160),
      description: incident.description,
      urgency: String(incident.urgency),
      impact: String(incident.impact),
      correlation_id: incident.correlationId
    }
    if (incident.callerId) body.caller_id = incident.callerId
    if (incident.assignmentGroup) body.assignment_group = incident.assignmentGroup
    const url = `${this.tableUrl()}?sysparm_display_value=false&sysparm_exclude_reference_link=true&sysparm_fields=sys_id,number`
    const response = await this.call(url, { method: 'POST', body, signal })
    const record = this.parse(oneSchema, response, 'the created incident').result
    return { ...this.ref(record), created: true }
  }

  async findByCorrelationId(correlationId: string, signal?: AbortSignal): Promise<TicketCreated | undefined> {
    if (!/^[\w.:-]+$/.test(correlationId)) {
      throw new VirgilError('BAD_INPUT', `The correlation id "${correlationId}" has characters a ServiceNow query cannot carry (use letters, digits, . : _ -).`, { service: SERVICE })
    }
    const query = new URLSearchParams({
      sysparm_query: `correlation_id=${correlationId}`,
      sysparm_limit: String(LOOKUP_ROWS),
      sysparm_fields: 'sys_id,number,correlation_id',
      sysparm_display_value: 'false'
    })
    const response = await this.call(`${this.tableUrl()}?${query}`, { method: 'GET', signal })
    // An instance that cannot filter on correlation_id (an ACL hides it, or the field is unknown)
    // ignores the condition and returns other tickets: adopt only a row that carries our id.
    const record = this.parse(manySchema, response, 'the incident search').result.find((row) => fieldValue(row.correlation_id) === correlationId)
    return record ? { ...this.ref(record), created: false } : undefined
  }

  /**
   * Creates the incident unless one with this correlation id exists. A create that timed out
   * may still have landed, so the retry looks first and never files a second ticket.
   */
  async createIncidentOnce(incident: NewIncident, signal?: AbortSignal): Promise<TicketCreated> {
    const existing = await this.findByCorrelationId(incident.correlationId, signal)
    if (existing) return existing
    try {
      return await this.createIncident(incident, signal)
    } catch (error) {
      if (!(error instanceof VirgilError) || error.code !== 'TIMEOUT') throw error
      const landed = await this.findByCorrelationId(incident.correlationId, signal).catch(() => undefined)
      if (landed) return landed
      throw new VirgilError(
        'TIMEOUT',
        `${error.message} The ticket may still appear; retrying is safe, Virgil checks for it first and will not file a duplicate.`,
        { service: SERVICE }
      )
    }
  }

  /** One incident by its number with every field as text (display values), for `ticket pull`. */
  async getByNumber(number: string, signal?: AbortSignal): Promise<Record<string, string> | undefined> {
    if (!/^[A-Z]{2,8}\d{4,12}$/.test(number)) throw new VirgilError('BAD_INPUT', `"${number}" is not a ticket number like INC0010001.`, { service: SERVICE })
    const query = new URLSearchParams({ sysparm_query: `number=${number}`, sysparm_limit: '1', sysparm_display_value: 'true', sysparm_exclude_reference_link: 'true' })
    const response = await this.call(`${this.tableUrl()}?${query}`, { method: 'GET', signal })
    return this.parse(z.object({ result: z.array(z.record(z.string(), z.unknown())) }), response, 'the ticket search').result[0] as Record<string, string> | undefined
  }

  /** The work notes of one record, oldest first (sys_journal_field). */
  async workNotes(sysId: string, signal?: AbortSignal): Promise<{ at: string; by: string; text: string }[]> {
    const query = new URLSearchParams({
      sysparm_query: `element_id=${sysId}^element=work_notes^ORDERBYsys_created_on`,
      sysparm_fields: 'value,sys_created_on,sys_created_by',
      sysparm_limit: '500'
    })
    const response = await this.call(`${this.baseUrl}/api/now/table/sys_journal_field?${query}`, { method: 'GET', signal })
    const notes = this.parse(z.object({ result: z.array(z.object({ value: z.string(), sys_created_on: z.string(), sys_created_by: z.string() })) }), response, 'the work notes').result
    return notes.map((n) => ({ at: n.sys_created_on, by: n.sys_created_by, text: n.value }))
  }

  private tableUrl(): string {
    return `${this.baseUrl}/api/now/table/incident`
  }

  private ref(record: z.infer<typeof recordSchema>): Omit<TicketCreated, 'created'> {
    return { sysId: record.sys_id, number: record.number, link: `${this.baseUrl}/nav_to.do?uri=incident.do?sys_id=${record.sys_id}` }
  }

  private async call(url: string, init: { method: string; body?: unknown; signal?: AbortSignal }): Promise<unknown> {
    if (!this.baseUrl) throw new VirgilError('NOT_CONFIGURED', 'Set the ServiceNow instance URL in Settings → ServiceNow to create tickets.', { service: SERVICE })
    try {
      const response = await requestJson<unknown>(url, {
        ...init,
        headers: { authorization: this.authorization() },
        timeoutMs: this.config.timeoutMs ?? 10_000,
        service: SERVICE
      })
      return response.body
    } catch (error) {
      if (error instanceof VirgilError && error.code === 'UNAUTHORIZED') {
        throw new VirgilError('UNAUTHORIZED', `${error.message.replace(/\. Check the .*$/, '')}. Check the ServiceNow user and password (or token) in Settings, and that the account has the itil role.`, { service: SERVICE })
      }
      throw error
    }
  }

  private authorization(): string {
    const auth = this.config.auth
    if ('token' in auth) {
      if (!auth.token) throw new VirgilError('NOT_CONFIGURED', 'Set the ServiceNow OAuth token in Settings → ServiceNow.', { service: SERVICE })
      return `Bearer ${auth.token}`
    }
    if (!auth.user || !auth.password) {
      throw new VirgilError('NOT_CONFIGURED', 'Set the ServiceNow user and password in Settings → ServiceNow.', { service: SERVICE })
    }
    return `Basic ${Buffer.from(`${auth.user}:${auth.password}`, 'utf8').toString('base64')}`
  }

  private parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
    const parsed = schema.safeParse(body)
    if (parsed.success) return parsed.data
    throw new VirgilError('UNAVAILABLE', `ServiceNow answered ${what} without the expected {"result": …} record. Check the instance URL points at ServiceNow.`, { service: SERVICE })
  }
}
