import { z } from 'zod'

export interface RdapContact {
  roles: string[]
  handle?: string
  name?: string
  /** vCard org: what a privacy-redacted registrant usually still shows. */
  org?: string
  /** ISO country code from the vCard adr (its cc parameter or the last address part). */
  country?: string
  /** vCard kind: individual, org, group. */
  kind?: string
  email?: string
  /** Fields the server withheld (RFC 9537 `redacted`, or "REDACTED FOR PRIVACY" values), e.g. ["name", "email"]. */
  redacted: string[]
}

/** One RFC 9537 redaction, as the server named it ("Registrant Email") and how ("removal"). */
export interface RdapRedaction {
  name: string
  method?: string
  reason?: string
}

export interface Entity {
  handle?: string
  roles: string[]
  vcardArray?: unknown[]
  entities: Entity[]
}

export const entitySchema: z.ZodType<Entity> = z.lazy(() =>
  z.object({
    handle: z.string().optional().catch(undefined),
    roles: z.array(z.string()).catch([]).default([]),
    vcardArray: z.array(z.unknown()).optional().catch(undefined),
    entities: z.array(entitySchema).catch([]).default([])
  })
)

const words = z.object({ type: z.string().optional().catch(undefined), description: z.string().optional().catch(undefined) }).catch({})
export const redactedSchema = z
  .array(z.object({ name: words.default({}), method: z.string().optional().catch(undefined), reason: words.optional() }).catch({ name: {} }))
  .catch([])
  .default([])

const REDACTED_VALUE = /^redacted( for privacy)?$|^data redacted$|^not disclosed$/i
/** The role word registries use in redaction names ("Tech Email" is the technical contact). */
const ROLE_WORD: Record<string, string> = { technical: 'tech', administrative: 'admin' }

export function readRedactions(raw: z.infer<typeof redactedSchema>): RdapRedaction[] {
  return raw.flatMap((r) => {
    const name = r.name.type ?? r.name.description
    if (!name) return []
    const out: RdapRedaction = { name }
    if (r.method) out.method = r.method
    const reason = r.reason?.description ?? r.reason?.type
    if (reason) out.reason = reason
    return [out]
  })
}

/** Every entity, nested ones included (ARIN puts the abuse contact under the registrant). */
export function flattenEntities(entities: Entity[], redactions: RdapRedaction[]): RdapContact[] {
  return entities.flatMap((entity) => [toContact(entity, redactions), ...flattenEntities(entity.entities, redactions)])
}

function toContact(entity: Entity, redactions: RdapRedaction[]): RdapContact {
  const contact: RdapContact = { roles: entity.roles, redacted: [] }
  if (entity.handle) contact.handle = entity.handle
  const withheld = new Set<string>()
  const take = (property: string, field: keyof RdapContact & string): void => {
    const value = vcardText(entity.vcardArray, property)
    if (value === undefined) return
    if (REDACTED_VALUE.test(value)) withheld.add(property === 'fn' ? 'name' : field)
    else (contact as unknown as Record<string, string>)[field] = value
  }
  take('fn', 'name')
  take('org', 'org')
  take('kind', 'kind')
  take('email', 'email')
  const country = vcardCountry(entity.vcardArray)
  if (country) contact.country = country
  for (const role of entity.roles) {
    const word = new RegExp(`\\b(${role}|${ROLE_WORD[role] ?? role})\\b`, 'i')
    for (const r of redactions) {
      if (!word.test(r.name)) continue
      const field = r.name.replace(/\bregistry\b/i, '').replace(word, '').trim().toLowerCase()
      if (field) withheld.add(field)
    }
  }
  contact.redacted = [...withheld]
  return contact
}

function vcardProperties(vcard: unknown[] | undefined): unknown[][] {
  const properties = vcard?.[1]
  return Array.isArray(properties) ? properties.filter((p): p is unknown[] => Array.isArray(p)) : []
}

/** jCard (RFC 7095): ["vcard", [[name, params, type, value], ...]]; a structured value is joined. */
function vcardText(vcard: unknown[] | undefined, property: string): string | undefined {
  for (const entry of vcardProperties(vcard)) {
    if (entry[0] !== property) continue
    const value = Array.isArray(entry[3]) ? entry[3].filter((v) => typeof v === 'string' && v.trim()).join(', ') : entry[3]
    if (typeof value === 'string' && value.trim()) return value.trim()
  }
  return undefined
}

/** adr carries the country as the cc parameter (RFC 8605) or as the 7th address component. */
function vcardCountry(vcard: unknown[] | undefined): string | undefined {
  for (const entry of vcardProperties(vcard)) {
    if (entry[0] !== 'adr') continue
    const params = (entry[1] ?? {}) as { cc?: unknown }
    if (typeof params.cc === 'string' && params.cc.trim()) return params.cc.trim().toUpperCase()
    const parts = entry[3]
    const last = Array.isArray(parts) ? parts[6] : undefined
    if (typeof last === 'string' && last.trim()) return last.trim()
  }
  return undefined
}
