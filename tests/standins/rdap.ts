import { startHttpStandin, type HttpStandin, type StandinReply, type StandinRequest } from './http-standin'

/**
 * RDAP (RFC 9083) on loopback, shaped like rdap.org in front of the registries: /ip and /autnum
 * answer 302 to /registry/... (as rdap.org does towards ARIN or RIPE), /domain answers directly.
 */
export interface RdapStandin extends HttpStandin {
  /** Make `path` answer 302 to `location` (e.g. a loop, to test the redirect limit). */
  setRedirect(path: string, location: string): void
}

type Json = Record<string, unknown>

const vcard = (fn: string, extra: [string, string][] = []): unknown[] => [
  'vcard',
  [['version', {}, 'text', '4.0'], ['fn', {}, 'text', fn], ['kind', {}, 'text', extra.length ? 'group' : 'org'], ...extra.map(([name, value]) => [name, {}, 'text', value])]
]
const event = (eventAction: string, eventDate: string): Json => ({ eventAction, eventDate })
const CONFORMANCE = { rdapConformance: ['rdap_level_0', 'cidr0', 'arin_originas0'], notices: [{ title: 'Terms of Service', description: ['By using the RDAP service you agree to the terms.'] }] }

const NETWORKS: { first: number; last: number; body: Json }[] = [
  {
    first: ipv4('8.8.8.0'),
    last: ipv4('8.8.8.255'),
    body: {
      objectClassName: 'ip network', handle: 'NET-8-8-8-0-2', startAddress: '8.8.8.0', endAddress: '8.8.8.255', ipVersion: 'v4',
      name: 'GOGL', type: 'DIRECT ALLOCATION', parentHandle: 'NET-8-0-0-0-0', status: ['active'], port43: 'whois.arin.net',
      cidr0_cidrs: [{ v4prefix: '8.8.8.0', length: 24 }], arin_originas0_originautnums: [15169],
      events: [event('last changed', '2023-12-28T17:24:56-05:00'), event('registration', '2023-12-28T17:24:33-05:00')],
      entities: [
        {
          objectClassName: 'entity', handle: 'GOGL', roles: ['registrant'], vcardArray: vcard('Google LLC'),
          entities: [{ objectClassName: 'entity', handle: 'ABUSE5250-ARIN', roles: ['abuse'], vcardArray: vcard('Abuse', [['email', 'network-abuse@google.com']]) }]
        }
      ]
    }
  },
  {
    first: ipv4('185.220.101.0'),
    last: ipv4('185.220.101.255'),
    body: {
      objectClassName: 'ip network', handle: '185.220.101.0 - 185.220.101.255', startAddress: '185.220.101.0', endAddress: '185.220.101.255',
      ipVersion: 'v4', name: 'APPLIED-PRIVACY-NET', type: 'ASSIGNED PA', country: 'DE', status: ['active'], port43: 'whois.ripe.net',
      cidr0_cidrs: [{ v4prefix: '185.220.101.0', length: 24 }],
      events: [event('registration', '2019-04-10T09:21:31Z'), event('last changed', '2024-02-01T10:00:00Z')],
      entities: [
        { objectClassName: 'entity', handle: 'ORG-FFAP1-RIPE', roles: ['registrant'], vcardArray: vcard('Foundation for Applied Privacy') },
        { objectClassName: 'entity', handle: 'AR-FFAP', roles: ['abuse'], vcardArray: vcard('Abuse contact', [['email', 'abuse@applied-privacy.net']]) }
      ]
    }
  }
]

const DOMAINS: Record<string, Json> = {
  'example.com': {
    objectClassName: 'domain', handle: '2336799_DOMAIN_COM-VRSN', ldhName: 'EXAMPLE.COM',
    status: ['client delete prohibited', 'client transfer prohibited', 'client update prohibited'],
    events: [event('registration', '1995-08-14T04:00:00Z'), event('expiration', '2025-08-13T04:00:00Z'), event('last changed', '2024-08-14T07:01:34Z')],
    nameservers: [{ objectClassName: 'nameserver', ldhName: 'A.IANA-SERVERS.NET' }, { objectClassName: 'nameserver', ldhName: 'B.IANA-SERVERS.NET' }],
    entities: [{ objectClassName: 'entity', handle: '376', roles: ['registrar'], publicIds: [{ type: 'IANA Registrar ID', identifier: '376' }], vcardArray: vcard('RESERVED-Internet Assigned Numbers Authority') }]
  },
  'login-micros0ft.com': {
    objectClassName: 'domain', handle: '2870012345_DOMAIN_COM-VRSN', ldhName: 'LOGIN-MICROS0FT.COM', status: ['client transfer prohibited'],
    events: [event('registration', '2024-04-25T02:13:20Z'), event('expiration', '2025-04-25T02:13:20Z'), event('last changed', '2024-04-25T02:13:21Z')],
    nameservers: [{ objectClassName: 'nameserver', ldhName: 'NS1.DNSOWL.COM' }, { objectClassName: 'nameserver', ldhName: 'NS2.DNSOWL.COM' }],
    entities: [
      {
        objectClassName: 'entity', handle: '1479', roles: ['registrar'], vcardArray: vcard('NameSilo, LLC'),
        entities: [{ objectClassName: 'entity', roles: ['abuse'], vcardArray: vcard('', [['email', 'abuse@namesilo.com'], ['tel', 'tel:+1.4805240066']]) }]
      }
    ]
  }
}

/** A registrar's answer under the ICANN gTLD profile: the registrant redacted for privacy (RFC 9537). */
const onlyRole = (role: string, path: string): string => `$.entities[?(@.roles[0]=='${role}')]${path}`
const policy = { description: 'Server policy' }
const removed = (type: string, role: string, path: string): Json => ({ name: { type }, prePath: onlyRole(role, path), pathLang: 'jsonpath', method: 'removal', reason: policy })
const emptied = (type: string, role: string, path: string): Json => ({ name: { type }, postPath: onlyRole(role, path), pathLang: 'jsonpath', method: 'emptyValue', reason: policy })
const REDACTED_REMARK = [{ title: 'REDACTED FOR PRIVACY', type: 'object redacted due to authorization', description: ['Some of the data in this object has been removed.'] }]
DOMAINS['paypa1-account-verify.com'] = {
  objectClassName: 'domain', handle: '2901234567_DOMAIN_COM-VRSN', ldhName: 'paypa1-account-verify.com', status: ['client transfer prohibited'],
  events: [event('registration', '2026-11-20T08:41:02Z'), event('expiration', '2027-11-20T08:41:02Z'), event('last changed', '2026-11-20T08:41:05Z')],
  nameservers: [{ objectClassName: 'nameserver', ldhName: 'dana.ns.cloudflare.com' }, { objectClassName: 'nameserver', ldhName: 'walt.ns.cloudflare.com' }],
  entities: [
    {
      objectClassName: 'entity', roles: ['registrant'], remarks: REDACTED_REMARK,
      vcardArray: ['vcard', [['version', {}, 'text', '4.0'], ['fn', {}, 'text', ''], ['org', {}, 'text', 'Privacy service provided by Withheld for Privacy ehf'], ['adr', { cc: 'IS' }, 'text', ['', '', '', '', 'Capital Region', '', '']], ['kind', {}, 'text', 'individual']]]
    },
    {
      objectClassName: 'entity', roles: ['technical'], remarks: REDACTED_REMARK,
      vcardArray: ['vcard', [['version', {}, 'text', '4.0'], ['fn', {}, 'text', ''], ['kind', {}, 'text', 'individual']]]
    },
    {
      objectClassName: 'entity', handle: '1068', roles: ['registrar'], publicIds: [{ type: 'IANA Registrar ID', identifier: '1068' }], vcardArray: vcard('NameCheap, Inc.'),
      entities: [{ objectClassName: 'entity', roles: ['abuse'], vcardArray: vcard('', [['email', 'abuse@namecheap.com'], ['tel', 'tel:+1.6613102107']]) }]
    }
  ],
  redacted: [
    removed('Registry Registrant ID', 'registrant', '.handle'),
    emptied('Registrant Name', 'registrant', ".vcardArray[1][?(@[0]=='fn')][3]"),
    emptied('Registrant Street', 'registrant', ".vcardArray[1][?(@[0]=='adr')][3][:3]"),
    emptied('Registrant City', 'registrant', ".vcardArray[1][?(@[0]=='adr')][3][3]"),
    emptied('Registrant Postal Code', 'registrant', ".vcardArray[1][?(@[0]=='adr')][3][5]"),
    removed('Registrant Phone', 'registrant', ".vcardArray[1][?(@[0]=='tel')]"),
    removed('Registrant Email', 'registrant', ".vcardArray[1][?(@[0]=='email')]"),
    emptied('Tech Name', 'technical', ".vcardArray[1][?(@[0]=='fn')][3]"),
    removed('Tech Email', 'technical', ".vcardArray[1][?(@[0]=='email')]")
  ]
}

const AUTNUMS: Record<string, Json> = {
  '15169': {
    objectClassName: 'autnum', handle: 'AS15169', startAutnum: 15169, endAutnum: 15169, name: 'GOOGLE', type: 'DIRECT ALLOCATION', status: ['active'],
    events: [event('registration', '2000-03-30T00:00:00-05:00'), event('last changed', '2012-02-24T09:44:34-05:00')],
    entities: [{ objectClassName: 'entity', handle: 'GOGL', roles: ['registrant'], vcardArray: vcard('Google LLC') }]
  }
}

function ipv4(address: string): number {
  const parts = address.split('.').map(Number)
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return -1
  return parts.reduce((value, part) => value * 256 + part, 0)
}

const notFound = (what: string): StandinReply => ({
  status: 404,
  body: { rdapConformance: ['rdap_level_0'], errorCode: 404, title: 'Not Found', description: [`${what} was not found in this registry.`] }
})

function registry(kind: string, id: string): StandinReply {
  if (kind === 'ip') {
    const address = ipv4(id)
    if (address < 0) return { status: 400, body: { errorCode: 400, title: 'Bad Request', description: [`${id} is not an IP address`] } }
    const network = NETWORKS.find((n) => address >= n.first && address <= n.last)
    return network ? { status: 200, body: { ...CONFORMANCE, ...network.body } } : notFound(id)
  }
  if (kind === 'autnum') {
    const body = AUTNUMS[id]
    return body ? { status: 200, body: { ...CONFORMANCE, ...body } } : notFound(`AS${id}`)
  }
  if (kind === 'domain') {
    const body = DOMAINS[id.toLowerCase()]
    return body ? { status: 200, body: { ...CONFORMANCE, ...body } } : notFound(id)
  }
  return notFound(kind)
}

export async function startRdap(): Promise<RdapStandin> {
  const redirects = new Map<string, string>()
  const route = (request: StandinRequest): StandinReply => {
    const forced = redirects.get(request.path)
    if (forced) return { status: 302, headers: { location: forced } }
    const bootstrap = /^\/(ip|autnum)\/([^/]+)$/.exec(request.path)
    if (bootstrap) return { status: 302, headers: { location: `/registry/${bootstrap[1]}/${bootstrap[2]}` } }
    const direct = /^\/(?:registry\/)?(ip|autnum|domain)\/([^/]+)$/.exec(request.path)
    return direct ? registry(direct[1] ?? '', direct[2] ?? '') : notFound(request.path)
  }
  const standin = await startHttpStandin(route, {
    contentType: 'application/rdap+json',
    errorBody: (status) => ({ errorCode: status, title: status === 429 ? 'Too Many Requests' : 'Error', description: [`HTTP ${status}`] })
  })
  return { ...standin, setRedirect: (path, location) => void redirects.set(path, location) }
}
