import { z } from 'zod'
import { VirgilError } from '../../../shared/errors'

export type VtKind = 'ip' | 'domain' | 'url' | 'file'

export interface VtStats {
  malicious: number
  suspicious: number
  harmless: number
  undetected: number
  timeout: number
}

export interface VtFlag {
  engine: string
  category: string
  result: string
}

/** What analysts read from a VirusTotal v3 object, whatever its kind; `raw` is the answer as received. */
export interface VtSummary {
  kind: VtKind
  /** What was asked, e.g. the IP or the URL. */
  query: string
  /** VirusTotal's object id (the URL id is the SHA-256 of the URL). */
  id: string
  stats: VtStats
  /** Engines that returned a verdict (malicious + suspicious + harmless + undetected + timeout). */
  engineCount: number
  reputation?: number
  lastAnalysisAt?: string
  /** Engines that said malicious or suspicious, malicious first, at most 10. */
  flaggedBy: VtFlag[]
  permalink: string
  tags: string[]
  ip?: { country?: string; asn?: number; asOwner?: string; network?: string }
  domain?: { registrar?: string; createdAt?: string; categories: string[] }
  file?: { names: string[]; type?: string; size?: number; md5?: string; sha1?: string; sha256?: string }
  url?: { url?: string; finalUrl?: string; title?: string; categories: string[]; threatNames: string[]; httpStatus?: number }
  raw: unknown
}

const count = z.number().int().nonnegative().catch(0).default(0)
const engineResult = z.object({
  category: z.string().catch('unknown').default('unknown'),
  result: z.string().nullable().catch(null).default(null),
  engine_name: z.string().optional().catch(undefined)
})
const optionalString = z.string().optional().catch(undefined)
const optionalNumber = z.number().optional().catch(undefined)

const attributesSchema = z.object({
  last_analysis_stats: z
    .object({ malicious: count, suspicious: count, harmless: count, undetected: count, timeout: count })
    .catch({ malicious: 0, suspicious: 0, harmless: 0, undetected: 0, timeout: 0 })
    .default({ malicious: 0, suspicious: 0, harmless: 0, undetected: 0, timeout: 0 }),
  last_analysis_results: z.record(z.string(), engineResult).catch({}).default({}),
  last_analysis_date: optionalNumber,
  reputation: optionalNumber,
  tags: z.array(z.string()).catch([]).default([]),
  country: optionalString,
  asn: optionalNumber,
  as_owner: optionalString,
  network: optionalString,
  registrar: optionalString,
  creation_date: optionalNumber,
  categories: z.record(z.string(), z.string()).catch({}).default({}),
  names: z.array(z.string()).catch([]).default([]),
  meaningful_name: optionalString,
  type_description: optionalString,
  size: optionalNumber,
  md5: optionalString,
  sha1: optionalString,
  sha256: optionalString,
  url: optionalString,
  last_final_url: optionalString,
  title: optionalString,
  threat_names: z.array(z.string()).catch([]).default([]),
  last_http_response_code: optionalNumber
})

const envelopeSchema = z.object({
  data: z.object({ id: z.string(), type: z.string(), attributes: attributesSchema.default(attributesSchema.parse({})) })
})

const GUI = 'https://www.virustotal.com/gui'
const GUI_PATH: Record<VtKind, string> = { ip: 'ip-address', domain: 'domain', url: 'url', file: 'file' }

export function summarizeVt(kind: VtKind, query: string, raw: unknown): VtSummary {
  const parsed = envelopeSchema.safeParse(raw)
  if (!parsed.success) {
    throw new VirgilError('UNAVAILABLE', `VirusTotal answered the ${kind} lookup for ${query} in a shape Virgil does not understand (no data.attributes).`, { service: 'VirusTotal' })
  }
  const { id, attributes: a } = parsed.data.data
  const stats = a.last_analysis_stats
  const summary: VtSummary = {
    kind,
    query,
    id,
    stats,
    engineCount: stats.malicious + stats.suspicious + stats.harmless + stats.undetected + stats.timeout,
    flaggedBy: flaggedEngines(a.last_analysis_results),
    permalink: `${GUI}/${GUI_PATH[kind]}/${encodeURIComponent(kind === 'file' ? (a.sha256 ?? id) : id)}`,
    tags: a.tags,
    raw
  }
  if (a.reputation !== undefined) summary.reputation = a.reputation
  if (a.last_analysis_date !== undefined) summary.lastAnalysisAt = isoFromEpoch(a.last_analysis_date)
  if (kind === 'ip') summary.ip = { country: a.country, asn: a.asn, asOwner: a.as_owner, network: a.network }
  if (kind === 'domain') {
    summary.domain = {
      registrar: a.registrar,
      createdAt: a.creation_date === undefined ? undefined : isoFromEpoch(a.creation_date),
      categories: uniqueCategories(a.categories)
    }
  }
  if (kind === 'file') {
    const names = a.meaningful_name && !a.names.includes(a.meaningful_name) ? [a.meaningful_name, ...a.names] : a.names
    summary.file = { names, type: a.type_description, size: a.size, md5: a.md5, sha1: a.sha1, sha256: a.sha256 }
  }
  if (kind === 'url') {
    summary.url = { url: a.url, finalUrl: a.last_final_url, title: a.title, categories: uniqueCategories(a.categories), threatNames: [...new Set(a.threat_names)] }
    if (a.last_http_response_code !== undefined) summary.url.httpStatus = a.last_http_response_code
  }
  return summary
}

function flaggedEngines(results: Record<string, z.infer<typeof engineResult>>): VtFlag[] {
  const rank = (category: string): number => (category === 'malicious' ? 0 : 1)
  return Object.entries(results)
    .filter(([, r]) => r.category === 'malicious' || r.category === 'suspicious')
    .map(([key, r]) => ({ engine: r.engine_name ?? key, category: r.category, result: r.result ?? r.category }))
    .sort((x, y) => rank(x.category) - rank(y.category) || x.engine.localeCompare(y.engine))
    .slice(0, 10)
}

/** Partners' categories ({"Forcepoint ThreatSeeker": "phishing", …}), each label once. */
function uniqueCategories(categories: Record<string, string>): string[] {
  return [...new Set(Object.values(categories).map((c) => c.trim()).filter(Boolean))]
}

function isoFromEpoch(seconds: number): string {
  return new Date(seconds * 1000).toISOString()
}
