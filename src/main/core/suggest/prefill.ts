import { extractIocs, type IocType } from '../../../shared/ioc'

/** Which indicator each Virgil command takes as its argument, to pre-fill suggestions. */
const ARGUMENT_TYPES: Record<string, IocType[] | 'instance'> = {
  vtip: ['ipv4', 'ipv6'],
  'vt ip': ['ipv4', 'ipv6'],
  'ip info': ['ipv4', 'ipv6'],
  whois: ['ipv4', 'domain', 'ipv6'],
  'vt domain': ['domain'],
  'vt url': ['url'],
  'vt hash': ['sha256', 'sha1', 'md5'],
  defang: ['url', 'domain', 'ipv4'],
  'ec2 show': 'instance',
  'ec2 cpu': 'instance',
  'ec2 isolate': 'instance',
  'ec2 unisolate': 'instance'
}

const INSTANCE_ID = /\bi-(?:[0-9a-f]{17}|[0-9a-f]{8})\b/g

export interface Indicators {
  iocs: { type: IocType; value: string }[]
  instances: string[]
}

export function indicatorsIn(texts: readonly string[]): Indicators {
  const joined = texts.join('\n')
  return { iocs: extractIocs(joined), instances: [...new Set(joined.match(INSTANCE_ID) ?? [])] }
}

/** "vtip" + indicators → "vtip 203.0.113.7"; commands with no known argument stay bare. */
export function prefillLine(command: string, found: Indicators): string {
  const wanted = ARGUMENT_TYPES[command]
  if (!wanted) return command
  if (wanted === 'instance') return found.instances[0] ? `${command} ${found.instances[0]}` : `${command} `
  for (const type of wanted) {
    const hit = found.iocs.find((i) => i.type === type)
    if (hit) return `${command} ${quoteIfNeeded(hit.value)}`
  }
  // A link names a domain even where the text never writes it alone.
  const host = wanted.includes('domain') ? found.iocs.map((i) => (i.type === 'url' ? hostOf(i.value) : undefined)).find(Boolean) : undefined
  return host ? `${command} ${host}` : `${command} `
}

function hostOf(url: string): string | undefined {
  try {
    const host = new URL(url).hostname
    return /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(host) ? host : undefined
  } catch {
    return undefined
  }
}

function quoteIfNeeded(v: string): string {
  return /[\s"'\\]/.test(v) ? `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"` : v
}
