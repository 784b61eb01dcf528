import { afterEach, describe, expect, it, vi } from 'vitest'
import { VirusTotalClient, type VirusTotalConfig } from '../../../src/main/core/integrations/virustotal'
import { VirgilError } from '../../../src/shared/errors'
import { EICAR, startVirusTotal, type VirusTotalStandin } from '../../standins/virustotal'
import { ManualClock } from './manual-clock'

const T0 = Date.parse('2024-05-01T12:00:00Z')

describe('VirusTotalClient', () => {
  let vt: VirusTotalStandin
  const clients: VirusTotalClient[] = []
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.dispose())
    await vt?.close()
  })

  const setup = async (config: Partial<VirusTotalConfig> = {}) => {
    vt = await startVirusTotal()
    const clock = new ManualClock(T0)
    const client = new VirusTotalClient({ baseUrl: vt.url, apiKey: vt.apiKey, timeoutMs: 2000, now: clock.now, sleep: clock.sleep, ...config })
    clients.push(client)
    return { client, clock }
  }

  const failure = async (promise: Promise<unknown>): Promise<VirgilError> => {
    const error = await promise.then(() => undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(VirgilError)
    return error as VirgilError
  }

  const addIps = (count: number): string[] =>
    Array.from({ length: count }, (_, i) => {
      const ip = `1.1.1.${i + 1}`
      vt.addObject('ip_addresses', ip, { country: 'AU' })
      return ip
    })

  it('summarises an IP with stats, network, flagging engines and a permalink', async () => {
    const { client } = await setup()
    const ip = await client.ip('185.220.101.47')
    expect(vt.requests[0]?.path).toBe('/api/v3/ip_addresses/185.220.101.47')
    expect(vt.requests[0]?.headers['x-apikey']).toBe(vt.apiKey)
    expect(ip.stats).toMatchObject({ malicious: 12, suspicious: 2 })
    expect(ip.ip).toEqual({ country: 'DE', asn: 208294, asOwner: 'Foundation for Applied Privacy', network: '185.220.101.0/24' })
    expect(ip.flaggedBy).toHaveLength(10)
    expect(ip.flaggedBy.every((f) => f.category === 'malicious')).toBe(true)
    expect(ip.permalink).toBe('https://www.virustotal.com/gui/ip-address/185.220.101.47')
    expect(ip.lastAnalysisAt).toBe('2024-05-01T10:40:00.000Z')
    expect(ip.fromCache).toBe(false)
    expect((ip.raw as { data: { type: string } }).data.type).toBe('ip_address')
  })

  it('looks up URLs by unpadded base64url and files by any hash', async () => {
    const { client } = await setup()
    const url = await client.url('http://login-micros0ft.com/owa/')
    expect(vt.requests[0]?.path).toBe(`/api/v3/urls/${Buffer.from('http://login-micros0ft.com/owa/').toString('base64url')}`)
    expect(vt.requests[0]?.path.endsWith('=')).toBe(false)
    expect(url.stats.malicious).toBe(7)
    expect(url.permalink).toMatch(/^https:\/\/www\.virustotal\.com\/gui\/url\/[0-9a-f]{64}$/)
    const file = await client.file(EICAR.md5.toUpperCase())
    expect(file.file?.names[0]).toBe('eicar.com')
    expect(file.file?.size).toBe(68)
    expect(file.permalink).toBe(`https://www.virustotal.com/gui/file/${EICAR.sha256}`)
    const domain = await client.domain('Login-Micros0ft.com.')
    expect(domain.domain?.registrar).toBe('NameSilo, LLC')
    expect(domain.domain?.categories).toContain('phishing')
  })

  it('answers from the cache within the TTL without spending quota', async () => {
    const { client, clock } = await setup({ cacheTtlMs: 60_000, perDay: 1 })
    await client.ip('8.8.8.8')
    const again = await client.ip('8.8.8.8')
    expect(again.fromCache).toBe(true)
    expect(vt.lookups).toHaveLength(1)
    expect(client.remainingToday()).toBe(0)
    clock.advance(60_000)
    await expect(client.ip('8.8.8.8')).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' })
  })

  it('holds the fifth lookup in a minute until the window frees, in arrival order', async () => {
    const { client, clock } = await setup({ perMinute: 4 })
    const ips = addIps(6)
    for (const ip of ips.slice(0, 4)) await client.ip(ip)
    clock.advance(10_000)
    const order: string[] = []
    const fifth = client.ip(ips[4] as string).then((r) => order.push(r.query))
    const sixth = client.ip(ips[5] as string).then((r) => order.push(r.query))
    await vi.waitFor(() => expect(clock.pending()).toEqual([50_000]))
    expect(vt.lookups).toHaveLength(4)
    clock.advance(49_999)
    await new Promise((resolve) => setImmediate(resolve))
    expect(vt.lookups).toHaveLength(4)
    clock.advance(1)
    await Promise.all([fifth, sixth])
    expect(order).toEqual([ips[4], ips[5]])
    expect(vt.lookups).toHaveLength(6)
  })

  it('fails at once, in words, when the wait would exceed the maximum', async () => {
    const { client } = await setup({ perMinute: 4, maxWaitMs: 30_000 })
    const ips = addIps(5)
    for (const ip of ips.slice(0, 4)) await client.ip(ip)
    const error = await failure(client.ip(ips[4] as string))
    expect(error.code).toBe('RATE_LIMITED')
    expect(error.retryAfterMs).toBe(60_000)
    expect(error.message).toContain('4 lookups a minute')
    expect(vt.lookups).toHaveLength(4)
  })

  it('lets a queued caller give up', async () => {
    const { client, clock } = await setup({ perMinute: 1 })
    const ips = addIps(2)
    await client.ip(ips[0] as string)
    const controller = new AbortController()
    const queued = client.ip(ips[1] as string, controller.signal)
    await vi.waitFor(() => expect(clock.pending()).toHaveLength(1))
    controller.abort(new Error('analyst cancelled'))
    await expect(queued).rejects.toThrow('analyst cancelled')
    await vi.waitFor(() => expect(clock.pending()).toHaveLength(0))
    expect(vt.lookups).toHaveLength(1)
  })

  it('stops for the day when the daily quota is used, and resumes after midnight UTC', async () => {
    const { client, clock } = await setup({ perMinute: 100, perDay: 3 })
    const ips = addIps(4)
    for (const ip of ips.slice(0, 3)) await client.ip(ip)
    const error = await failure(client.ip(ips[3] as string))
    expect(error.code).toBe('QUOTA_EXCEEDED')
    expect(error.message).toBe('VirusTotal free quota: 3 lookups a day used; resets at 00:00 UTC (in 12 h 0 min).')
    expect(error.retryAfterMs).toBe(12 * 3_600_000)
    clock.advance(12 * 3_600_000)
    await expect(client.ip(ips[3] as string)).resolves.toMatchObject({ query: ips[3] })
  })

  it('words 401, 404 and missing keys for analysts', async () => {
    const { client } = await setup()
    const unknown = await failure(client.ip('9.9.9.9'))
    expect(unknown.code).toBe('NOT_FOUND')
    expect(unknown.message).toBe('VirusTotal has no record of the IP address 9.9.9.9: nobody has submitted or scanned it yet.')
    const wrongKey = new VirusTotalClient({ baseUrl: vt.url, apiKey: 'stale-key' })
    clients.push(wrongKey)
    const rejected = await failure(wrongKey.ip('8.8.8.8'))
    expect(rejected.code).toBe('UNAUTHORIZED')
    expect(rejected.message).toBe('VirusTotal rejected the API key (401). Check Settings → VirusTotal API key.')
    const noKey = new VirusTotalClient({ baseUrl: vt.url, apiKey: '' })
    clients.push(noKey)
    const missing = await failure(noKey.ip('8.8.8.8'))
    expect(missing.code).toBe('NOT_CONFIGURED')
    expect(missing.message).toContain('Set the VirusTotal API key in Settings')
    expect(vt.requests).toHaveLength(2)
  })

  it('pauses the queue for Retry-After when VirusTotal answers 429', async () => {
    const { client, clock } = await setup()
    vt.failNext(429, { 'retry-after': '30' })
    const limited = await failure(client.ip('8.8.8.8'))
    expect(limited.code).toBe('RATE_LIMITED')
    expect(limited.retryAfterMs).toBe(30_000)
    expect(limited.message).toContain('used up (429)')
    const next = client.ip('8.8.8.8')
    await vi.waitFor(() => expect(clock.pending()).toEqual([30_000]))
    clock.advance(30_000)
    await expect(next).resolves.toMatchObject({ query: '8.8.8.8' })
  })

  it('reports 5xx and slow answers without touching the cache', async () => {
    const { client } = await setup({ timeoutMs: 200 })
    vt.failNext(503)
    const down = await failure(client.ip('8.8.8.8'))
    expect(down.code).toBe('UNAVAILABLE')
    expect(down.message).toContain('"Please retry your request"')
    vt.delayNextMs(3000)
    const slow = await failure(client.ip('8.8.8.8'))
    expect(slow.code).toBe('TIMEOUT')
    expect(slow.message).toMatch(/^VirusTotal did not answer within 0\.2 s/)
    await expect(client.ip('8.8.8.8')).resolves.toMatchObject({ fromCache: false })
  })
})
