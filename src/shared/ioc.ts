/** Indicators of compromise in free text: extract, classify, defang and refang. */
import { FILE_EXTENSION_TLDS, isKnownTld } from './ioc-tlds'
import { tryParseIp } from './ip'

export type IocType = 'ipv4' | 'ipv6' | 'domain' | 'url' | 'email' | 'md5' | 'sha1' | 'sha256' | 'cve'

export interface Ioc {
  type: IocType
  value: string
}

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?'
const HOST = `(?:${LABEL}\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})`
const EMAIL = `[a-z0-9](?:[a-z0-9._%+-]{0,62}[a-z0-9_%+-])?@${HOST}`
const URL_SOURCE = String.raw`\b(?:https?|ftp|sftp|wss?)://[^\s<>"'\x60|\\^{}]+`

const URL_RE = new RegExp(URL_SOURCE, 'gi')
const EMAIL_RE = new RegExp(`(?<![a-z0-9._%+-])${EMAIL}(?![a-z0-9_-])`, 'gi')
const DOMAIN_RE = new RegExp(`(?<![a-z0-9_@.-])${HOST}(?![a-z0-9_-])`, 'gi')
const IPV6_RE = /(?<![\w:.])(?:[0-9a-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9a-f]{1,4})?(?![\w:]|\.\d)/gi
const IPV4_RE = /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?!\.?\d)/g
const HASH_RE = /\b[0-9a-f]{32,64}\b/gi
const CVE_RE = /\bCVE-\d{4}-\d{4,7}\b/gi

const HASH_TYPES: Record<number, IocType> = { 32: 'md5', 40: 'sha1', 64: 'sha256' }

/** Undo the usual defanging: hxxp(s), [.] (.) {.} [dot], [:] [://], [@] [at]. */
export function refang(text: string): string {
  return text
    .replace(/\bhxxp(s?)\b/gi, (_, s: string) => `http${s.toLowerCase()}`)
    .replace(/\bfxp\b(?=\[?:)/gi, 'ftp')
    .replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}/gi, '.')
    .replace(/\[:\/\/\]/g, '://')
    .replace(/\[:\]/g, ':')
    .replace(/\[@\]|\(@\)|\{@\}|\[at\]/gi, '@')
}

/** Drop what prose glues to the end of a URL: full stops, commas, closing brackets it never opened. */
function trimUrl(url: string): string {
  const tally = (ch: string) => url.split(ch).length - 1
  const unopened = new Map([
    [')', tally(')') - tally('(')],
    [']', tally(']') - tally('[')]
  ])
  let end = url.length
  for (; end > 0; end--) {
    const last = url[end - 1] as string
    const excess = unopened.get(last) ?? 0
    if (excess > 0) unopened.set(last, excess - 1)
    else if (!'.,;:!?*'.includes(last)) break
  }
  return url.slice(0, end)
}

function hostTld(host: string): string {
  return host.slice(host.lastIndexOf('.') + 1)
}

/** A free-text domain: a known TLD, and three labels when the TLD is also a common file extension. */
function isPlausibleDomain(domain: string): boolean {
  const tld = hostTld(domain).toLowerCase()
  if (!isKnownTld(tld) || domain.length > 253) return false
  return !FILE_EXTENSION_TLDS.has(tld) || domain.split('.').length >= 3
}

interface Found extends Ioc {
  start: number
  end: number
}

type Recognise = (match: string) => { type: IocType; value: string; length?: number } | null

// Earlier entries claim their text first: a domain inside a URL or e-mail address is not listed again.
const RECOGNISERS: ReadonlyArray<[RegExp, Recognise]> = [
  [
    URL_RE,
    (m) => {
      const url = trimUrl(m)
      const scheme = url.slice(0, url.indexOf(':')).toLowerCase()
      const value = scheme + url.slice(scheme.length)
      return /^[a-z]+:\/\/[^/?#\s]+/.test(value) ? { type: 'url', value, length: url.length } : null
    }
  ],
  [EMAIL_RE, (m) => (isKnownTld(hostTld(m)) ? { type: 'email', value: m.toLowerCase() } : null)],
  [DOMAIN_RE, (m) => (isPlausibleDomain(m) ? { type: 'domain', value: m.toLowerCase() } : null)],
  [
    IPV6_RE,
    (m) => {
      const ip = m.length >= 6 && /[0-9a-f]/i.test(m) ? tryParseIp(m) : null
      return ip?.version === 6 ? { type: 'ipv6', value: ip.address } : null
    }
  ],
  [
    IPV4_RE,
    (m) => {
      const ip = tryParseIp(m)
      return ip?.version === 4 ? { type: 'ipv4', value: ip.address } : null
    }
  ],
  [
    HASH_RE,
    (m) => {
      const type = HASH_TYPES[m.length]
      return type ? { type, value: m.toLowerCase() } : null
    }
  ],
  [CVE_RE, (m) => ({ type: 'cve', value: m.toUpperCase() })]
]

/** Every indicator in `text` with its position; overlapping matches go to the earlier recogniser. */
function findIocs(text: string): Found[] {
  const found: Found[] = []
  const claimed = new Uint8Array(text.length)
  for (const [pattern, recognise] of RECOGNISERS) {
    for (const match of text.matchAll(pattern)) {
      const hit = recognise(match[0])
      const start = match.index
      const end = start + (hit?.length ?? match[0].length)
      if (!hit || claimed.subarray(start, end).includes(1)) continue
      claimed.fill(1, start, end)
      found.push({ type: hit.type, value: hit.value, start, end })
    }
  }
  return found.sort((a, b) => a.start - b.start)
}

/** Indicators in the order they first appear, each once. The text is refanged first. */
export function extractIocs(text: string): Ioc[] {
  const seen = new Set<string>()
  const out: Ioc[] = []
  for (const { type, value } of findIocs(refang(text))) {
    const key = `${type}\u0000${value}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push({ type, value })
  }
  return out
}

function defangOne(type: IocType, value: string): string {
  const plain = refang(value)
  if (type === 'url') {
    return plain
      .replace(/^http/i, 'hxxp')
      .replace(/^ftp/i, 'fxp')
      .replace(/\./g, '[.]')
      .replace(/@/g, '[@]')
  }
  if (type === 'domain' || type === 'email' || type === 'ipv4') {
    return plain.replace(/\./g, '[.]').replace(/@/g, '[@]')
  }
  return value
}

/**
 * Make indicators unclickable for sharing: http → hxxp, dots → [.], @ → [@]. Only the indicators
 * change: a sentence's full stop stays a full stop. Already defanged text is left as it is.
 */
export function defang(text: string): string {
  let out = ''
  let cursor = 0
  for (const ioc of findIocs(text)) {
    out += text.slice(cursor, ioc.start) + defangOne(ioc.type, text.slice(ioc.start, ioc.end))
    cursor = ioc.end
  }
  return out + text.slice(cursor)
}

const FULL = (source: string) => new RegExp(`^(?:${source})$`, 'i')
const URL_FULL = FULL(String.raw`(?:https?|ftp|sftp|wss?)://[^\s/?#]+\S*`)
const EMAIL_FULL = FULL(EMAIL)
const DOMAIN_FULL = FULL(HOST)
const CVE_FULL = /^CVE-\d{4}-\d{4,7}$/i
const HASH_FULL = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/i

/** What kind of indicator a single value is (defanged or not), to pre-fill a command's argument. */
export function classifyIndicator(value: string): IocType | null {
  const s = refang(value.trim())
  if (URL_FULL.test(s)) return 'url'
  if (EMAIL_FULL.test(s)) return isKnownTld(hostTld(s)) ? 'email' : null
  const ip = tryParseIp(s)
  if (ip) return ip.version === 4 ? 'ipv4' : 'ipv6'
  if (CVE_FULL.test(s)) return 'cve'
  if (HASH_FULL.test(s)) return HASH_TYPES[s.length] ?? null
  const host = s.replace(/\.$/, '')
  return DOMAIN_FULL.test(host) && isKnownTld(hostTld(host)) ? 'domain' : null
}
