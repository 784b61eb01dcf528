import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { vtCommands } from '../../../src/main/core/commands/builtin/vt'
import { parseWhoisTarget, whoisCommands, whoisOutput } from '../../../src/main/core/commands/builtin/whois'
import type { CommandContext, CommandSpec } from '../../../src/main/core/commands/types'
import { RdapClient } from '../../../src/main/core/integrations/rdap'
import { VirusTotalClient } from '../../../src/main/core/integrations/virustotal'
import { startRdap, type RdapStandin } from '../../standins/rdap'
import { EICAR, startVirusTotal, type VirusTotalStandin } from '../../standins/virustotal'

const ctx: CommandContext = {
  actor: { id: 'u1', name: 'Dana', role: 'analyst' },
  incidentId: 'inc-1',
  signal: new AbortController().signal,
  confirmed: false
}

let vt: VirusTotalStandin
let rdap: RdapStandin
let specs: CommandSpec[]

beforeAll(async () => {
  vt = await startVirusTotal()
  rdap = await startRdap()
  const vtClient = new VirusTotalClient({ baseUrl: vt.url, apiKey: vt.apiKey, perMinute: 100 })
  const rdapClient = new RdapClient({ baseUrl: rdap.url })
  specs = [...vtCommands(() => vtClient), ...whoisCommands(() => rdapClient)]
})
afterAll(async () => {
  await Promise.all([vt.close(), rdap.close()])
})

const spec = (...path: string[]): CommandSpec => {
  const found = specs.find((s) => s.path.join(' ') === path.join(' '))
  if (!found) throw new Error(`no spec ${path.join(' ')}`)
  return found
}

/** The one-line message the runner shows for bad arguments (its first zod issue). */
const argError = (path: string[], positional: string[], flags: Record<string, string | true> = {}): string | undefined => {
  const result = spec(...path).args.safeParse({ positional, flags })
  return result.success ? undefined : result.error.issues[0]?.message
}

const run = async (path: string[], ...positional: string[]) => {
  const command = spec(...path)
  return command.run(command.args.parse({ positional, flags: {} }), ctx)
}

describe('vt commands', () => {
  it('offers vtip, vt ip, vt domain, vt url and vt hash', () => {
    expect(specs.map((s) => s.path.join(' '))).toEqual(['vtip', 'vt ip', 'vt domain', 'vt url', 'vt hash', 'whois'])
    expect(spec('vt', 'hash').usage).toBe('vt hash <md5|sha1|sha256>')
  })

  it('rejects bad arguments with one line an analyst can fix', () => {
    expect(argError(['vtip'], [])).toBe('Missing IP address')
    expect(argError(['vtip'], ['1.1.1.1', '8.8.8.8'])).toBe('Only one IP address at a time')
    expect(argError(['vtip'], ['8.8.8'])).toBe('"8.8.8" is not an IP address')
    expect(argError(['vtip'], ['10.1.2.3'])).toMatch(/^10\.1\.2\.3 is a private address .*VirusTotal only knows public ones$/)
    expect(argError(['vtip'], ['8.8.8.8'], { fresh: true })).toBe('This command takes no flags')
    expect(argError(['vt', 'domain'], ['hxxp://evil[.]com/x'])).toBe('"hxxp://evil[.]com/x" is not a domain name (that is a URL: use vt url)')
    expect(argError(['vt', 'hash'], ['abc123'])).toContain('is not an MD5, SHA-1 or SHA-256 hash')
    expect(argError(['vt', 'url'], ['not a url'])).toBe('"not a url" is not a URL')
  })

  it('refangs pasted indicators before looking them up', async () => {
    const output = await run(['vt', 'url'], 'hxxp://login-micros0ft[.]com/owa/')
    expect(vt.requests.at(-1)?.path).toBe(`/api/v3/urls/${Buffer.from('http://login-micros0ft.com/owa/').toString('base64url')}`)
    expect(output.title).toBe('VirusTotal · hxxp://login-micros0ft[.]com/owa/')
    const field = (label: string) => output.fields?.find((f) => f.label === label)
    expect(field('Threat names')).toEqual({ label: 'Threat names', value: 'Phishing.Office365', tone: 'danger' })
    expect(field('Categories')?.value).toBe('phishing and other frauds, phishing, Phishing, Suspicious (alphaMountain.ai)')
    expect(field('HTTP status')?.value).toBe('200')
    expect(argError(['vtip'], ['185[.]220[.]101[.]47'])).toBeUndefined()
  })

  it('posts a danger block with the flagging engines for a malicious IP', async () => {
    const output = await run(['vtip'], '185.220.101.47')
    expect(output.title).toBe('VirusTotal · 185.220.101.47')
    expect(output.tone).toBe('danger')
    expect(output.summary).toMatch(/^Flagged by 14 of \d+ engines \(12 malicious, 2 suspicious\)$/)
    expect(output.table?.columns).toEqual(['Engine', 'Category', 'Result'])
    expect(output.table?.rows).toHaveLength(10)
    expect(output.fields?.find((f) => f.label === 'ASN')?.value).toBe('AS208294 Foundation for Applied Privacy')
    expect(output.fields?.find((f) => f.label === 'Permalink')?.value).toBe('https://www.virustotal.com/gui/ip-address/185.220.101.47')
    expect(output.raw).toMatchObject({ data: { id: '185.220.101.47' } })
  })

  it('warns on suspicious-only, stays calm on clean, and marks cached answers', async () => {
    expect((await run(['vt', 'ip'], '45.95.147.236')).tone).toBe('warn')
    const clean = await run(['vt', 'domain'], 'example.com')
    expect(clean.tone).toBe('ok')
    expect(clean.table).toBeUndefined()
    expect(clean.summary).toMatch(/^No engine flags it/)
    expect((await run(['vt', 'domain'], 'example.com')).summary).toContain('cached 0 min ago')
    const file = await run(['vt', 'hash'], EICAR.sha1)
    expect(file.fields?.find((f) => f.label === 'Names')?.value).toBe('eicar.com, eicar.txt, eicar_com.zip')
  })
})

describe('whois command', () => {
  it('understands IPs, domains, pasted URLs and AS numbers', () => {
    expect(parseWhoisTarget('8.8.8.8')).toEqual({ kind: 'ip', value: '8.8.8.8' })
    expect(parseWhoisTarget('hxxps://Login-Micros0ft[.]com/owa')).toEqual({ kind: 'domain', value: 'login-micros0ft.com' })
    expect(parseWhoisTarget('as15169')).toEqual({ kind: 'autnum', value: 15169 })
    expect(argError(['whois'], [])).toBe('Missing the IP, domain or AS number')
    expect(argError(['whois'], ['not_a_thing'])).toBe('"not_a_thing" is not an IP address, a domain or an AS number like AS15169')
  })

  it('shows holder, range, abuse contact and the registry that answered', async () => {
    const output = await run(['whois'], '8.8.8.8')
    expect(output.title).toBe('Whois · 8.8.8.8')
    const field = (label: string) => output.fields?.find((f) => f.label === label)?.value
    expect(field('Range')).toBe('8.8.8.0/24')
    expect(field('Registrant')).toBe('Google LLC')
    expect(field('Abuse contact')).toBe('Abuse <network-abuse@google.com>')
    expect(field('ASN')).toBe('AS15169')
    expect(field('Source')).toBe(new URL(rdap.url).host)
  })

  it('flags a newly registered domain', async () => {
    const summary = (await run(['whois'], 'login-micros0ft.com')).raw
    expect(summary).toMatchObject({ ldhName: 'LOGIN-MICROS0FT.COM' })
    const parsed = await new RdapClient({ baseUrl: rdap.url }).domain('login-micros0ft.com')
    const young = whoisOutput(parsed, Date.parse('2024-05-02T00:00:00Z'))
    expect(young.tone).toBe('warn')
    expect(young.summary).toContain('Registered 6 days ago')
    expect(whoisOutput(parsed, Date.parse('2025-01-01T00:00:00Z')).tone).toBe('info')
  })
})
