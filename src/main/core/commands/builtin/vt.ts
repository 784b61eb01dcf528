import { z } from 'zod'
import type { CommandOutput, OutputField, Tone } from '../../../../shared/command-output'
import { classifyIndicator, defang, refang } from '../../../../shared/ioc'
import { ipInfo, tryParseIp } from '../../../../shared/ip'
import type { VirusTotalClient, VtKind, VtLookup } from '../../integrations/virustotal'
import { exactlyOne } from '../args'
import type { CommandSpec } from '../types'

type Check = z.ZodType<string, string>

const shown = (raw: string): string => (raw.length > 60 ? `${raw.slice(0, 57)}...` : raw)

const publicIp: Check = z.string().transform((raw, ctx) => {
  const ip = tryParseIp(refang(raw.trim()))
  if (!ip) {
    ctx.addIssue({ code: 'custom', message: `"${shown(raw)}" is not an IP address` })
    return z.NEVER
  }
  const info = ipInfo(ip.address)
  if (info.scope !== 'public') {
    ctx.addIssue({ code: 'custom', message: `${ip.address} is a ${info.scope} address${info.range ? ` (${info.range})` : ''}: VirusTotal only knows public ones` })
    return z.NEVER
  }
  return ip.address
})

const domainName: Check = z.string().transform((raw, ctx) => {
  const value = refang(raw.trim()).toLowerCase().replace(/\.$/, '')
  const kind = classifyIndicator(value)
  if (kind === 'domain') return value
  const hint = kind === 'url' ? ' (that is a URL: use vt url)' : kind === 'ipv4' || kind === 'ipv6' ? ' (that is an IP: use vt ip)' : ''
  ctx.addIssue({ code: 'custom', message: `"${shown(raw)}" is not a domain name${hint}` })
  return z.NEVER
})

const webUrl: Check = z.string().transform((raw, ctx) => {
  const value = refang(raw.trim())
  if (classifyIndicator(value) === 'url') return value
  const withScheme = `http://${value}`
  if (!/^[a-z][a-z0-9+.-]*:/i.test(value) && classifyIndicator(withScheme) === 'url' && value.includes('.')) return withScheme
  ctx.addIssue({ code: 'custom', message: `"${shown(raw)}" is not a URL` })
  return z.NEVER
})

const fileHash: Check = z.string().transform((raw, ctx) => {
  const value = raw.trim().toLowerCase()
  const kind = classifyIndicator(value)
  if (kind === 'md5' || kind === 'sha1' || kind === 'sha256') return value
  ctx.addIssue({ code: 'custom', message: `"${shown(raw)}" is not an MD5, SHA-1 or SHA-256 hash (32, 40 or 64 hex characters)` })
  return z.NEVER
})

interface Form {
  path: string[]
  kind: VtKind
  noun: string
  check: Check
  example: string
  summary: string
}

const FORMS: Form[] = [
  { path: ['vtip'], kind: 'ip', noun: 'IP address', check: publicIp, example: 'vtip 185.220.101.47', summary: 'VirusTotal verdict, owner and network of an IP address.' },
  { path: ['vt', 'ip'], kind: 'ip', noun: 'IP address', check: publicIp, example: 'vt ip 8.8.8.8', summary: 'VirusTotal verdict, owner and network of an IP address.' },
  { path: ['vt', 'domain'], kind: 'domain', noun: 'domain', check: domainName, example: 'vt domain login-micros0ft[.]com', summary: 'VirusTotal verdict, registrar and categories of a domain.' },
  { path: ['vt', 'url'], kind: 'url', noun: 'URL', check: webUrl, example: 'vt url hxxp://login-micros0ft[.]com/owa/', summary: 'VirusTotal verdict on a URL (defanged input is fine).' },
  { path: ['vt', 'hash'], kind: 'file', noun: 'hash', check: fileHash, example: 'vt hash 44d88612fea8a8f36de82e1278abb02f', summary: 'VirusTotal verdict and names of a file by MD5, SHA-1 or SHA-256.' }
]

const PLACEHOLDER: Record<VtKind, string> = { ip: '<ip>', domain: '<domain>', url: '<url>', file: '<md5|sha1|sha256>' }

/** vtip, vt ip, vt domain, vt url and vt hash: VirusTotal lookups that land in the room as a verdict block. */
export function vtCommands(getClient: () => VirusTotalClient): CommandSpec[] {
  return FORMS.map((form): CommandSpec<{ positional: string; flags: Record<string, string | true> }> => ({
    path: form.path,
    usage: `${form.path.join(' ')} ${PLACEHOLDER[form.kind]}`,
    summary: form.summary,
    examples: [form.example],
    danger: 'safe',
    service: 'VirusTotal',
    args: exactlyOne(form.noun, form.check),
    async run({ positional }, ctx) {
      const lookup = await getClient().lookup(form.kind, positional, ctx.signal)
      return vtOutput(lookup)
    }
  })) as CommandSpec[]
}

export function vtOutput(lookup: VtLookup): CommandOutput {
  const { stats } = lookup
  const tone: Tone = stats.malicious > 0 ? 'danger' : stats.suspicious > 0 ? 'warn' : 'ok'
  const shownQuery = lookup.kind === 'ip' || lookup.kind === 'file' ? lookup.query : defang(lookup.query)
  const flagged = stats.malicious + stats.suspicious
  const verdict = flagged
    ? `Flagged by ${flagged} of ${lookup.engineCount} engines (${stats.malicious} malicious, ${stats.suspicious} suspicious)`
    : `No engine flags it (0 of ${lookup.engineCount})`
  const age = lookup.fromCache ? ` · cached ${Math.max(0, Math.round((Date.now() - lookup.fetchedAt) / 60_000))} min ago` : ''
  const output: CommandOutput = {
    title: `VirusTotal · ${shownQuery}`,
    summary: verdict + age,
    tone,
    fields: fieldsOf(lookup, tone),
    raw: lookup.raw
  }
  if (lookup.flaggedBy.length) {
    output.table = { columns: ['Engine', 'Category', 'Result'], rows: lookup.flaggedBy.map((f) => [f.engine, f.category, f.result]) }
  }
  return output
}

function fieldsOf(lookup: VtLookup, tone: Tone): OutputField[] {
  const { stats } = lookup
  const fields: OutputField[] = [
    { label: 'Detections', value: `${stats.malicious} malicious · ${stats.suspicious} suspicious · ${stats.harmless} harmless · ${stats.undetected} undetected`, tone }
  ]
  const add = (label: string, value: string | number | undefined, fieldTone?: Tone): void => {
    if (value === undefined || value === '') return
    fields.push(fieldTone ? { label, value: String(value), tone: fieldTone } : { label, value: String(value) })
  }
  if (lookup.reputation !== undefined) add('Reputation', lookup.reputation, lookup.reputation < 0 ? 'warn' : undefined)
  if (lookup.ip) {
    add('Country', lookup.ip.country)
    add('ASN', lookup.ip.asn === undefined ? undefined : `AS${lookup.ip.asn}${lookup.ip.asOwner ? ` ${lookup.ip.asOwner}` : ''}`)
    add('Network', lookup.ip.network)
  }
  if (lookup.domain) {
    add('Registrar', lookup.domain.registrar)
    add('Created', lookup.domain.createdAt?.slice(0, 10))
    add('Categories', lookup.domain.categories.join(', '))
  }
  if (lookup.url) {
    add('Final URL', lookup.url.finalUrl && lookup.url.finalUrl !== lookup.url.url ? defang(lookup.url.finalUrl) : undefined)
    add('Page title', lookup.url.title)
    add('Threat names', lookup.url.threatNames.join(', '), lookup.url.threatNames.length ? 'danger' : undefined)
    add('Categories', lookup.url.categories.join(', '))
    add('HTTP status', lookup.url.httpStatus)
  }
  if (lookup.file) {
    add('Names', lookup.file.names.slice(0, 5).join(', '))
    add('Type', lookup.file.type)
    add('Size', lookup.file.size === undefined ? undefined : `${lookup.file.size} bytes`)
    add('SHA-256', lookup.file.sha256)
  }
  add('Tags', lookup.tags.join(', '))
  add('Last analysis', lookup.lastAnalysisAt?.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'))
  add('Permalink', lookup.permalink)
  return fields
}
