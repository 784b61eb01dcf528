/** IPv4/IPv6 parsing, normalisation, scope (public, private, ...) and CIDR membership, with bigint math. */
import { VirgilError } from './errors'

export type IpVersion = 4 | 6

export interface ParsedIp {
  version: IpVersion
  /** The address as an unsigned 32- or 128-bit integer. */
  value: bigint
  /** Dotted-quad IPv4, or RFC 5952 IPv6 (lower case, longest zero run as ::, ::ffff:a.b.c.d). */
  address: string
}

export type IpScope =
  | 'public'
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'multicast'
  | 'cgnat'
  | 'documentation'
  | 'reserved'
  | 'unspecified'
  | 'broadcast'

export interface IpInfo {
  version: IpVersion
  address: string
  scope: IpScope
  /** The special-purpose range that matched, with its name, e.g. '10.0.0.0/8 (RFC 1918 private)'. */
  range?: string
  /** For ::ffff:a.b.c.d, the embedded IPv4 address the scope was decided by. */
  mappedIpv4?: string
}

const IPV4_PART = /^(0|[1-9]\d{0,2})$/
const HEX_GROUP = /^[0-9a-f]{1,4}$/

function shown(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s
}

function parseIpv4Value(s: string): bigint | null {
  const parts = s.split('.')
  if (parts.length !== 4) return null
  let value = 0n
  for (const part of parts) {
    if (!IPV4_PART.test(part) || Number(part) > 255) return null
    value = (value << 8n) | BigInt(part)
  }
  return value
}

function parseIpv6Value(s: string): bigint | null {
  const halves = s.split('::')
  if (halves.length > 2) return null
  const groupsOf = (half: string): number[] | null => {
    if (half === '') return []
    const out: number[] = []
    const parts = half.split(':')
    for (const [i, part] of parts.entries()) {
      if (i === parts.length - 1 && part.includes('.')) {
        const v4 = parseIpv4Value(part)
        if (v4 === null) return null
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn))
      } else if (HEX_GROUP.test(part)) {
        out.push(parseInt(part, 16))
      } else return null
    }
    return out
  }
  const head = groupsOf(halves[0] as string)
  const tail = halves.length === 2 ? groupsOf(halves[1] as string) : []
  if (head === null || tail === null) return null
  // An embedded IPv4 may only end the address.
  if (halves.length === 2 && (halves[0] as string).includes('.')) return null
  const missing = 8 - head.length - tail.length
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail]
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n)
}

export function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.')
}

export function formatIpv6(value: bigint): string {
  if (value >> 32n === 0xffffn) return `::ffff:${formatIpv4(value & 0xffffffffn)}`
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn))
  let bestStart = -1
  let bestLength = 1 // RFC 5952: never compress a single zero group
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++
      continue
    }
    let j = i
    while (j < 8 && groups[j] === 0) j++
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i]
    i = j
  }
  const hex = groups.map((g) => g.toString(16))
  if (bestStart < 0) return hex.join(':')
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`
}

/** Parse an IP address, or return null. Accepts and drops an IPv6 zone (fe80::1%eth0). */
export function tryParseIp(input: string): ParsedIp | null {
  const s = input.trim().toLowerCase()
  if (s.includes(':')) {
    const [bare, zone, ...rest] = s.split('%')
    if (rest.length > 0 || (zone !== undefined && !/^[\w.-]+$/.test(zone))) return null
    const value = parseIpv6Value(bare as string)
    return value === null ? null : { version: 6, value, address: formatIpv6(value) }
  }
  const value = parseIpv4Value(s)
  return value === null ? null : { version: 4, value, address: formatIpv4(value) }
}

export function parseIp(input: string): ParsedIp {
  const ip = tryParseIp(input)
  if (ip === null) {
    throw new VirgilError(
      'BAD_INPUT',
      `"${shown(input.trim())}" is not a valid IP address. Use an IPv4 like 8.8.8.8 or an IPv6 like 2001:4860:4860::8888.`
    )
  }
  return ip
}

export function isIpAddress(input: string): boolean {
  return tryParseIp(input) !== null
}

export interface ParsedCidr {
  version: IpVersion
  network: bigint
  prefix: number
}

/** Parse "a.b.c.d/n" or "x::/n"; a bare address means a single host. Host bits are masked off. */
export function parseCidr(cidr: string): ParsedCidr {
  const [addressPart, prefixPart, ...rest] = cidr.trim().split('/')
  const ip = rest.length === 0 ? tryParseIp(addressPart ?? '') : null
  const bits = ip?.version === 6 ? 128 : 32
  const prefix = prefixPart === undefined ? bits : /^\d{1,3}$/.test(prefixPart) ? Number(prefixPart) : NaN
  if (ip === null || !(prefix >= 0 && prefix <= bits)) {
    throw new VirgilError(
      'BAD_INPUT',
      `"${shown(cidr.trim())}" is not a valid CIDR range. Write it like 10.0.0.0/8 or 2001:db8::/32.`
    )
  }
  return { version: ip.version, network: ip.value & maskOf(bits, prefix), prefix }
}

function maskOf(bits: number, prefix: number): bigint {
  const all = (1n << BigInt(bits)) - 1n
  return (all >> BigInt(bits - prefix)) << BigInt(bits - prefix)
}

function contains(range: ParsedCidr, version: IpVersion, value: bigint): boolean {
  const bits = version === 6 ? 128 : 32
  return range.version === version && (value & maskOf(bits, range.prefix)) === range.network
}

/** True when `ip` lies in `cidr`. An IPv4-mapped IPv6 address (::ffff:a.b.c.d) also matches IPv4 ranges. */
export function inCidr(ip: string, cidr: string): boolean {
  const address = parseIp(ip)
  const range = parseCidr(cidr)
  if (contains(range, address.version, address.value)) return true
  const mapped = mappedIpv4(address)
  return mapped !== null && contains(range, 4, mapped)
}

function mappedIpv4(ip: ParsedIp): bigint | null {
  return ip.version === 6 && ip.value >> 32n === 0xffffn ? ip.value & 0xffffffffn : null
}

interface SpecialRange {
  cidr: string
  name: string
  scope: IpScope
}

// First match wins, so a narrower range is listed before the range that holds it.
const IPV4_RANGES: readonly SpecialRange[] = [
  { cidr: '0.0.0.0/32', name: 'unspecified address', scope: 'unspecified' },
  { cidr: '0.0.0.0/8', name: '"this network", RFC 791', scope: 'reserved' },
  { cidr: '10.0.0.0/8', name: 'RFC 1918 private', scope: 'private' },
  { cidr: '100.64.0.0/10', name: 'RFC 6598 carrier-grade NAT', scope: 'cgnat' },
  { cidr: '127.0.0.0/8', name: 'loopback', scope: 'loopback' },
  { cidr: '169.254.0.0/16', name: 'RFC 3927 link-local', scope: 'link-local' },
  { cidr: '172.16.0.0/12', name: 'RFC 1918 private', scope: 'private' },
  { cidr: '192.0.0.0/24', name: 'IETF protocol assignments', scope: 'reserved' },
  { cidr: '192.0.2.0/24', name: 'TEST-NET-1 documentation', scope: 'documentation' },
  { cidr: '192.88.99.0/24', name: 'deprecated 6to4 relay anycast', scope: 'reserved' },
  { cidr: '192.168.0.0/16', name: 'RFC 1918 private', scope: 'private' },
  { cidr: '198.18.0.0/15', name: 'RFC 2544 benchmarking', scope: 'reserved' },
  { cidr: '198.51.100.0/24', name: 'TEST-NET-2 documentation', scope: 'documentation' },
  { cidr: '203.0.113.0/24', name: 'TEST-NET-3 documentation', scope: 'documentation' },
  { cidr: '224.0.0.0/4', name: 'multicast', scope: 'multicast' },
  { cidr: '255.255.255.255/32', name: 'limited broadcast', scope: 'broadcast' },
  { cidr: '240.0.0.0/4', name: 'reserved for future use', scope: 'reserved' }
]

const IPV6_RANGES: readonly SpecialRange[] = [
  { cidr: '::/128', name: 'unspecified address', scope: 'unspecified' },
  { cidr: '::1/128', name: 'loopback', scope: 'loopback' },
  { cidr: '100::/64', name: 'RFC 6666 discard-only', scope: 'reserved' },
  { cidr: '2001:db8::/32', name: 'RFC 3849 documentation', scope: 'documentation' },
  { cidr: '2001::/23', name: 'IETF protocol assignments', scope: 'reserved' },
  { cidr: '3fff::/20', name: 'RFC 9637 documentation', scope: 'documentation' },
  { cidr: 'fc00::/7', name: 'RFC 4193 unique local (private)', scope: 'private' },
  { cidr: 'fe80::/10', name: 'link-local', scope: 'link-local' },
  { cidr: 'fec0::/10', name: 'deprecated site-local', scope: 'reserved' },
  { cidr: 'ff00::/8', name: 'multicast', scope: 'multicast' }
]

const parsedRanges = (ranges: readonly SpecialRange[]) => ranges.map((r) => ({ ...r, parsed: parseCidr(r.cidr) }))
const IPV4_TABLE = parsedRanges(IPV4_RANGES)
const IPV6_TABLE = parsedRanges(IPV6_RANGES)
const GLOBAL_UNICAST = parseCidr('2000::/3')

function classify(version: IpVersion, value: bigint): Pick<IpInfo, 'scope' | 'range'> {
  const table = version === 4 ? IPV4_TABLE : IPV6_TABLE
  const hit = table.find((r) => contains(r.parsed, version, value))
  if (hit) return { scope: hit.scope, range: `${hit.cidr} (${hit.name})` }
  if (version === 6 && !contains(GLOBAL_UNICAST, 6, value)) {
    return { scope: 'reserved', range: 'outside 2000::/3 (not allocated for global unicast)' }
  }
  return { scope: 'public' }
}

/** Version, normalised address and scope of an IP address; throws BAD_INPUT when it is not one. */
export function ipInfo(ip: string): IpInfo {
  const parsed = parseIp(ip)
  const mapped = mappedIpv4(parsed)
  if (mapped !== null) {
    const inner = classify(4, mapped)
    const via = '::ffff:0:0/96 (IPv4-mapped)'
    return {
      version: 6,
      address: parsed.address,
      scope: inner.scope,
      range: inner.range ? `${inner.range} via ${via}` : via,
      mappedIpv4: formatIpv4(mapped)
    }
  }
  return { version: parsed.version, address: parsed.address, ...classify(parsed.version, parsed.value) }
}
