import { createHash } from 'node:crypto'
import { z } from 'zod'
import { canonicalJson } from '../log/canonical'
import { SEVERITY_WORDS, type Alert } from './alert'

const MAX_FIELDS = 40
const MAX_VALUE = 1_000

/**
 * Splunk's webhook alert action: search_name, sid, results_link, result (the first result row,
 * values as strings or multi-value arrays), app, owner. Splunk adds fields over versions: keep them.
 */
export const splunkSchema = z.looseObject({
  search_name: z.string({ message: 'search_name is required (the name of the Splunk search)' }).trim().min(1, 'search_name is empty').max(500),
  sid: z.string({ message: 'sid is required (the Splunk search id)' }).trim().min(1, 'sid is empty').max(500),
  results_link: z.string().max(4_000).optional(),
  result: z.record(z.string(), z.unknown(), { message: 'result must be an object of field values' }).default({}),
  app: z.string().max(200).optional(),
  owner: z.string().max(200).optional()
})

const severityWords = Object.keys(SEVERITY_WORDS) as (keyof typeof SEVERITY_WORDS)[]
const severity = z.union([z.number().min(1).max(10), z.enum(severityWords)], {
  message: 'severity must be a number from 1 to 10 or one of low, medium, high, critical'
})

/**
 * The generic format, for any sender that can POST JSON to /alerts/generic:
 *   { "source": "crowdstrike",            sender name: letters, digits, . _ -
 *     "type": "malware-detected",         what kind of alert (rules match on it)
 *     "severity": 8 | "high",             1-10, or low | medium | high | critical
 *     "title": "Emotet on FIN-07",        3-200 characters
 *     "description": "…",                 optional
 *     "occurredAt": "2025-06-01T12:00:00Z",
 *     "dedupKey": "evt-123",              optional: the same key twice is one alert (else the body's hash)
 *     "fields": { "host": "FIN-07" },     optional, up to 40, shown in the incident, ticket, SMS and email
 *     "link": "https://…" }               optional, back to the sender's console
 * Unknown top-level fields are refused (422) so typos do not go unnoticed.
 */
export const genericSchema = z.strictObject(
  {
    source: z
      .string({ message: 'source is required, e.g. "crowdstrike"' })
      .trim()
      .regex(/^[\w.-]{1,80}$/, 'source must be 1-80 letters, digits, dots, dashes or underscores'),
    type: z.string({ message: 'type is required, e.g. "malware-detected"' }).trim().min(1, 'type is empty').max(200),
    severity,
    title: z.string({ message: 'title is required' }).trim().min(3, 'title needs at least 3 characters').max(200, 'title is longer than 200 characters'),
    description: z.string().trim().max(20_000, 'description is longer than 20,000 characters').default(''),
    occurredAt: z.iso.datetime({ offset: true, message: 'occurredAt must be an ISO 8601 time such as 2025-06-01T12:00:00Z' }),
    dedupKey: z.string().trim().min(1).max(200, 'dedupKey is longer than 200 characters').optional(),
    fields: z
      .record(z.string().max(100), z.union([z.string().max(MAX_VALUE), z.number(), z.boolean()]), { message: 'fields must map names to strings, numbers or booleans' })
      .refine((f) => Object.keys(f).length <= MAX_FIELDS, `fields can hold at most ${MAX_FIELDS} entries`)
      .default({}),
    link: z.url({ message: 'link must be a full URL' }).max(4_000).optional()
  },
  { message: 'the body must be a JSON object' }
)

export type SplunkAlert = z.infer<typeof splunkSchema>
export type GenericAlert = z.infer<typeof genericSchema>

/** A zod failure in words for the sender: "severity: must be …; title: …". */
export function schemaProblem(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => {
      const where = i.path.join('.')
      if (i.code === 'unrecognized_keys') return `unknown field(s) ${i.keys.join(', ')}`
      return where && !i.message.startsWith(where) ? `${where}: ${i.message}` : i.message
    })
    .join('; ')
}

function text(value: unknown): string {
  const s = Array.isArray(value) ? value.map(String).join(', ') : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s
}

function severityFrom(result: Record<string, unknown>): number {
  for (const key of ['severity', 'urgency', 'priority']) {
    const raw = result[key]
    const value = Array.isArray(raw) ? raw[0] : raw
    if (value === undefined || value === null) continue
    const word = String(value).trim().toLowerCase()
    if (word in SEVERITY_WORDS) return SEVERITY_WORDS[word as keyof typeof SEVERITY_WORDS]
    const n = Number(word)
    if (Number.isFinite(n) && n >= 1 && n <= 10) return n
  }
  return SEVERITY_WORDS.medium
}

export function fromSplunk(s: SplunkAlert): Alert {
  const fields: Record<string, string> = { 'Splunk search': s.search_name, 'Search id': s.sid }
  if (s.app) fields.App = s.app
  if (s.owner) fields.Owner = s.owner
  for (const [k, v] of Object.entries(s.result).slice(0, MAX_FIELDS)) if (!k.startsWith('__mv_')) fields[k] = text(v)
  const subject = s.result.host ?? s.result.src ?? s.result.dest ?? s.result.user
  const title = `Splunk: ${s.search_name}${subject !== undefined ? ` on ${text(subject)}` : ''}`
  return {
    source: 'splunk',
    type: s.search_name,
    severity: severityFrom(s.result),
    title: title.slice(0, 200),
    description: `Splunk search "${s.search_name}" fired.`,
    ...(s.results_link ? { link: s.results_link } : {}),
    fields,
    dedupKey: `splunk:${s.sid}:${s.search_name}`
  }
}

export function fromGeneric(g: GenericAlert): Alert {
  const severity = typeof g.severity === 'number' ? g.severity : SEVERITY_WORDS[g.severity]
  const fields = Object.fromEntries(Object.entries(g.fields).map(([k, v]) => [k, text(v)]))
  // Without a dedupKey, the same body (normalised: trimmed, keys sorted, severity as a number) is the same alert.
  const normalised = canonicalJson({ ...g, severity, fields, dedupKey: undefined })
  const key = g.dedupKey ?? createHash('sha256').update(normalised).digest('hex')
  return {
    source: g.source,
    type: g.type,
    severity,
    title: g.title,
    description: g.description,
    occurredAt: g.occurredAt,
    ...(g.link ? { link: g.link } : {}),
    fields,
    dedupKey: `${g.source}:${key}`
  }
}
