import { z } from 'zod'
import { VirgilError } from '../../../shared/errors'
import { requestJson } from './http'
import { entitySchema, flattenEntities, readRedactions, redactedSchema, type RdapContact, type RdapRedaction } from './rdap-entities'

export type { RdapContact, RdapRedaction } from './rdap-entities'

export type RdapKind = 'ip' | 'domain' | 'autnum'

/** An RDAP (RFC 9083) answer reduced to what an analyst reads; `raw` keeps it as received. */
export interface RdapSummary {
  kind: RdapKind
  query: string
  handle?: string
  name?: string
  type?: string
  cidrs: string[]
  range?: { start: string; end: string }
  country?: string
  /** "AS15169", or a range "AS64496-AS64511", or origin ASNs of an IP network. */
  asn?: string
  registrant?: RdapContact
  registrar?: RdapContact
  abuse?: RdapContact
  contacts: RdapContact[]
  /** What the server says it withheld (RFC 9537), e.g. "Registrant Email" by removal. */
  redacted: RdapRedaction[]
  events: { registration?: string; lastChanged?: string; expiration?: string }
  status: string[]
  nameservers: string[]
  /** The server that finally answered (rdap.org redirects to the registry). */
  source: string
  raw: unknown
}

export interface RdapConfig {
  baseUrl?: string
  timeoutMs?: number
}

const SERVICE = 'RDAP'

const objectSchema = z.object({
  handle: z.string().optional().catch(undefined),
  name: z.string().optional().catch(undefined),
  ldhName: z.string().optional().catch(undefined),
  type: z.string().optional().catch(undefined),
  country: z.string().optional().catch(undefined),
  startAddress: z.string().optional().catch(undefined),
  endAddress: z.string().optional().catch(undefined),
  startAutnum: z.number().optional().catch(undefined),
  endAutnum: z.number().optional().catch(undefined),
  cidr0_cidrs: z
    .array(z.object({ v4prefix: z.string().optional(), v6prefix: z.string().optional(), length: z.number() }))
    .catch([])
    .default([]),
  arin_originas0_originautnums: z.array(z.number()).catch([]).default([]),
  entities: z.array(entitySchema).catch([]).default([]),
  events: z.array(z.object({ eventAction: z.string(), eventDate: z.string() })).catch([]).default([]),
  status: z.array(z.string()).catch([]).default([]),
  nameservers: z.array(z.object({ ldhName: z.string().optional() })).catch([]).default([]),
  redacted: redactedSchema
})

/** Registration data over RDAP for IP networks, domains and autonomous systems. */
export class RdapClient {
  private readonly baseUrl: string

  constructor(private readonly config: RdapConfig = {}) {
    this.baseUrl = (config.baseUrl ?? 'https://rdap.org').replace(/\/+$/, '')
  }

  ip(ip: string, signal?: AbortSignal): Promise<RdapSummary> {
    return this.lookup('ip', ip.trim(), signal)
  }

  domain(domain: string, signal?: AbortSignal): Promise<RdapSummary> {
    return this.lookup('domain', domain.trim().toLowerCase().replace(/\.$/, ''), signal)
  }

  /** Accepts 15169 or "AS15169". */
  autnum(asn: number | string, signal?: AbortSignal): Promise<RdapSummary> {
    return this.lookup('autnum', String(asn).trim().replace(/^as/i, ''), signal)
  }

  private async lookup(kind: RdapKind, query: string, signal?: AbortSignal): Promise<RdapSummary> {
    try {
      const response = await requestJson<unknown>(`${this.baseUrl}/${kind}/${encodeURIComponent(query)}`, {
        headers: { accept: 'application/rdap+json, application/json;q=0.8' },
        timeoutMs: this.config.timeoutMs ?? 10_000,
        service: SERVICE,
        signal,
        maxRedirects: 3
      })
      return summarize(kind, query, response.body, response.url)
    } catch (error) {
      if (error instanceof VirgilError && error.code === 'NOT_FOUND') {
        throw new VirgilError('NOT_FOUND', `No registry holds RDAP data for ${kind === 'autnum' ? `AS${query}` : query} (404). Check the spelling; reserved and private ranges have no public record.`, { service: SERVICE })
      }
      throw error
    }
  }
}

function summarize(kind: RdapKind, query: string, raw: unknown, source: string): RdapSummary {
  const parsed = objectSchema.safeParse(raw)
  if (!parsed.success) {
    throw new VirgilError('UNAVAILABLE', `The RDAP server at ${new URL(source).host} answered in a shape Virgil does not understand.`, { service: SERVICE })
  }
  const o = parsed.data
  const redacted = readRedactions(o.redacted)
  const contacts = flattenEntities(o.entities, redacted)
  const byRole = (role: string): RdapContact | undefined => contacts.find((contact) => contact.roles.includes(role))
  const event = (action: string): string | undefined => o.events.find((e) => e.eventAction === action)?.eventDate
  const summary: RdapSummary = {
    kind,
    query,
    handle: o.handle,
    name: o.name ?? o.ldhName?.toLowerCase(),
    type: o.type,
    cidrs: o.cidr0_cidrs.map((c) => `${c.v4prefix ?? c.v6prefix ?? '?'}/${c.length}`),
    country: o.country,
    asn: asnOf(o),
    registrant: byRole('registrant'),
    registrar: byRole('registrar'),
    abuse: byRole('abuse'),
    contacts,
    redacted,
    events: { registration: event('registration'), lastChanged: event('last changed'), expiration: event('expiration') },
    status: o.status,
    nameservers: o.nameservers.flatMap((ns) => (ns.ldhName ? [ns.ldhName.toLowerCase()] : [])),
    source,
    raw
  }
  if (o.startAddress && o.endAddress) summary.range = { start: o.startAddress, end: o.endAddress }
  return summary
}

function asnOf(o: z.infer<typeof objectSchema>): string | undefined {
  if (o.startAutnum !== undefined) {
    return o.endAutnum === undefined || o.endAutnum === o.startAutnum ? `AS${o.startAutnum}` : `AS${o.startAutnum}-AS${o.endAutnum}`
  }
  return o.arin_originas0_originautnums.length ? o.arin_originas0_originautnums.map((n) => `AS${n}`).join(', ') : undefined
}
