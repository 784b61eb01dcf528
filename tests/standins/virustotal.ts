import { createHash } from 'node:crypto'
import { startHttpStandin, type HttpStandin, type StandinReply, type StandinRequest } from './http-standin'

/**
 * VirusTotal API v3 on loopback: GET /api/v3/{ip_addresses,domains,urls,files}/{id} with the
 * x-apikey header, v3 object envelopes and v3 error JSON ({"error":{"code","message"}}).
 */
export interface VirusTotalStandin extends HttpStandin {
  apiKey: string
  /** Lookups that reached the data (not rejected for auth or by an injected fault). */
  lookups: string[]
  /** Adds or replaces an object; `attributes` merge over generated defaults. */
  addObject(kind: StandinKind, id: string, attributes: Record<string, unknown>): void
}

export type StandinKind = 'ip_addresses' | 'domains' | 'urls' | 'files'

const TYPE: Record<StandinKind, string> = { ip_addresses: 'ip_address', domains: 'domain', urls: 'url', files: 'file' }

const ENGINES = [
  'Abusix', 'Acronis', 'ADMINUSLabs', 'AILabs (MONITORAPP)', 'AlienVault', 'alphaMountain.ai', 'Antiy-AVL', 'Avira',
  'BitDefender', 'Bkav', 'CRDF', 'Certego', 'Cyble', 'CyRadar', 'DNS8', 'Dr.Web', 'Emsisoft', 'ESET', 'Forcepoint ThreatSeeker',
  'Fortinet', 'G-Data', 'Google Safebrowsing', 'Kaspersky', 'Lionic', 'Lumu', 'MalwareURL', 'Netcraft', 'OpenPhish',
  'Phishtank', 'Quttera', 'Sophos', 'Spamhaus', 'Trustwave', 'URLhaus', 'Webroot', 'Xcitium Verdict Cloud', 'ZeroCERT', 'Yandex Safebrowsing'
]

/** Builds last_analysis_results and matching last_analysis_stats: the first engines flag it. */
function analysis(malicious: number, suspicious: number, verdict: string, isFile = false): Record<string, unknown> {
  const results: Record<string, unknown> = {}
  const stats = { malicious, suspicious, harmless: 0, undetected: 0, timeout: 0 }
  ENGINES.forEach((engine, index) => {
    let category = isFile ? 'undetected' : index % 3 === 0 ? 'undetected' : 'harmless'
    if (index < malicious) category = 'malicious'
    else if (index < malicious + suspicious) category = 'suspicious'
    else if (category === 'harmless') stats.harmless++
    else stats.undetected++
    const result = category === 'malicious' || category === 'suspicious' ? verdict : category === 'harmless' ? 'clean' : isFile ? null : 'unrated'
    results[engine] = isFile
      ? { method: 'blacklist', engine_name: engine, engine_version: '1.0.0.1', engine_update: '20240501', category, result }
      : { method: 'blacklist', engine_name: engine, category, result }
  })
  return { last_analysis_stats: stats, last_analysis_results: results, last_analysis_date: 1714560000 }
}

export const EICAR = {
  md5: '44d88612fea8a8f36de82e1278abb02f',
  sha1: '3395856ce81f2b7382dee72602f798b642f14140',
  sha256: '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f'
}

export const urlId = (url: string): string => createHash('sha256').update(url).digest('hex')

function seed(): Map<string, Record<string, unknown>> {
  const objects = new Map<string, Record<string, unknown>>()
  const put = (kind: StandinKind, id: string, attributes: Record<string, unknown>): void => void objects.set(`${kind}/${id}`, { id, attributes })
  put('ip_addresses', '8.8.8.8', {
    ...analysis(0, 0, 'clean'), reputation: 540, country: 'US', continent: 'NA', asn: 15169, as_owner: 'GOOGLE', network: '8.8.8.0/24',
    regional_internet_registry: 'ARIN', tags: [], total_votes: { harmless: 210, malicious: 31 }
  })
  put('ip_addresses', '185.220.101.47', {
    ...analysis(12, 2, 'malicious'), reputation: -35, country: 'DE', continent: 'EU', asn: 208294, as_owner: 'Foundation for Applied Privacy',
    network: '185.220.101.0/24', regional_internet_registry: 'RIPE NCC', tags: ['tor']
  })
  put('ip_addresses', '45.95.147.236', { ...analysis(0, 1, 'suspicious'), reputation: 0, country: 'NL', asn: 49870, as_owner: 'Alsycon B.V.', network: '45.95.147.0/24', tags: [] })
  put('domains', 'example.com', {
    ...analysis(0, 0, 'clean'), reputation: 0, registrar: 'RESERVED-Internet Assigned Numbers Authority', creation_date: 808372800,
    categories: { 'Forcepoint ThreatSeeker': 'information technology', 'Xcitium Verdict Cloud': 'information technology', BitDefender: 'computersandsoftware' },
    tld: 'com', tags: []
  })
  put('domains', 'login-micros0ft.com', {
    ...analysis(9, 1, 'phishing'), reputation: -12, registrar: 'NameSilo, LLC', creation_date: 1714000000,
    categories: { 'Forcepoint ThreatSeeker': 'phishing and other frauds', Sophos: 'phishing' }, tld: 'com', tags: []
  })
  const phishUrl = 'http://login-micros0ft.com/owa/'
  put('urls', urlId(phishUrl), {
    ...analysis(7, 0, 'phishing'), reputation: -5, url: phishUrl, last_final_url: 'https://login-micros0ft.com/owa/auth/logon.aspx',
    title: 'Outlook Web App', tags: ['external-resources'], last_http_response_code: 200, times_submitted: 14,
    categories: { 'Forcepoint ThreatSeeker': 'phishing and other frauds', Sophos: 'phishing', BitDefender: 'phishing', 'alphaMountain.ai': 'Phishing, Suspicious (alphaMountain.ai)' },
    threat_names: ['Phishing.Office365', 'Phishing.Office365'], redirection_chain: [phishUrl, 'https://login-micros0ft.com/owa/auth/logon.aspx'],
    html_meta: { viewport: ['width=device-width, initial-scale=1'] }, total_votes: { harmless: 0, malicious: 3 }
  })
  put('files', EICAR.sha256, {
    ...analysis(30, 0, 'EICAR-Test-File (not a virus)', true), reputation: 3480, ...EICAR, names: ['eicar.com', 'eicar.txt', 'eicar_com.zip'],
    meaningful_name: 'eicar.com', type_description: 'Text', type_tag: 'text', size: 68, tags: ['text', 'attachment']
  })
  return objects
}

function vtError(status: number): { error: { code: string; message: string } } {
  const codes: Record<number, [string, string]> = {
    400: ['InvalidArgumentError', 'Invalid argument'],
    401: ['WrongCredentialsError', 'Wrong API key'],
    403: ['ForbiddenError', 'You are not allowed to perform the requested operation'],
    404: ['NotFoundError', 'Resource not found'],
    429: ['QuotaExceededError', 'Quota exceeded'],
    503: ['TransientError', 'Please retry your request'],
    504: ['DeadlineExceededError', 'The operation took too long to complete']
  }
  const [code, message] = codes[status] ?? ['InternalError', 'An internal error occurred']
  return { error: { code, message } }
}

export async function startVirusTotal(options: { apiKey?: string } = {}): Promise<VirusTotalStandin> {
  const apiKey = options.apiKey ?? 'vt-standin-key'
  const objects = seed()
  const lookups: string[] = []

  const route = (request: StandinRequest): StandinReply => {
    const match = /^\/api\/v3\/(ip_addresses|domains|urls|files)\/([^/]+)$/.exec(request.path)
    if (request.method !== 'GET' || !match) return { status: 404, body: { error: { code: 'NotFoundError', message: `Unknown endpoint ${request.path}` } } }
    const key = request.headers['x-apikey']
    if (!key) return { status: 401, body: { error: { code: 'AuthenticationRequiredError', message: 'X-Apikey header is missing' } } }
    if (key !== apiKey) return { status: 401, body: vtError(401) }
    const kind = match[1] as StandinKind
    let id = match[2] ?? ''
    if (kind === 'urls' && !/^[0-9a-f]{64}$/.test(id)) id = urlId(Buffer.from(id, 'base64url').toString('utf8'))
    if (kind === 'ip_addresses' && !/^[\d.]+$|^[0-9a-f:]+$/i.test(id)) {
      return { status: 400, body: { error: { code: 'InvalidArgumentError', message: `"${id}" is not a valid IP address` } } }
    }
    if (kind === 'files') id = findFile(id) ?? id
    lookups.push(`${kind}/${id}`)
    const object = objects.get(`${kind}/${id}`)
    if (!object) return { status: 404, body: { error: { code: 'NotFoundError', message: `${TYPE[kind]} "${match[2]}" not found` } } }
    return {
      status: 200,
      body: { data: { ...object, type: TYPE[kind], links: { self: `https://www.virustotal.com/api/v3/${kind}/${id}` } } }
    }
  }

  const findFile = (hash: string): string | undefined => {
    for (const [key, object] of objects) {
      const attributes = (object.attributes ?? {}) as Record<string, unknown>
      if (key.startsWith('files/') && [attributes.md5, attributes.sha1, attributes.sha256].includes(hash.toLowerCase())) return String(object.id)
    }
    return undefined
  }

  const standin = await startHttpStandin(route, { errorBody: vtError })
  return {
    ...standin,
    apiKey,
    lookups,
    addObject: (kind, id, attributes) => {
      const generated = kind === 'files' ? analysis(0, 0, 'clean', true) : analysis(0, 0, 'clean')
      objects.set(`${kind}/${id}`, { id, attributes: { ...generated, ...attributes } })
    }
  }
}
