import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Incident, ServiceStatus } from '../../../src/shared/domain'
import { call, incidentInput, makeCore, type TestCore } from '../core/make-core'
import { startRdap, type RdapStandin } from '../../standins/rdap'
import { startVirusTotal, type VirusTotalStandin } from '../../standins/virustotal'

/**
 * VirusTotal and RDAP go down while analysts keep typing lookups: refused connections, 5xx, 429
 * with Retry-After and a hang past the timeout. Each line gets exactly one answer in words, the
 * top bar says what is wrong, and once the service is back every lookup answers, once.
 */
let t: TestCore
let vt: VirusTotalStandin
let rdap: RdapStandin
afterEach(async () => {
  await t.dispose()
  await Promise.all([vt.close(), rdap.close()])
})

const waitFor = (check: () => void, timeout = 5000) => vi.waitFor(check, { timeout, interval: 20 })

async function start() {
  ;[vt, rdap] = await Promise.all([startVirusTotal(), startRdap()])
  t = makeCore({
    lookupTimeoutMs: 300,
    settingsOverrides: { virustotal: { baseUrl: vt.url, cacheTtlMinutes: 60, perMinute: 100, perDay: 500 }, rdap: { baseUrl: rdap.url } }
  })
  await t.core.settings.setSecret('virustotal.apiKey', vt.apiKey, t.core.actor())
  const incident = await call<Incident>(t.core, 'incident:create', incidentInput)
  const finished = () => t.core.log.eventsFor(incident.id).filter((e) => e.type === 'command.finished').map((e) => e.payload as { status: string; error?: { code: string; message: string } })
  /** Types the line in the room and waits for its one answer. */
  const run = async (line: string) => {
    const before = finished().length
    await t.core.chat.send({ incidentId: incident.id, text: line }, t.core.actor())
    await waitFor(() => expect(finished().length).toBe(before + 1))
    return finished()[before]!
  }
  const pill = (name: string): ServiceStatus => t.core.status.current().find((s) => s.name === name)!
  return { run, pill, finished }
}

describe('lookups through outages', () => {
  it('VirusTotal: refused, 5xx, 429 with Retry-After and a hang, each said in words; everything answers once it is back', async () => {
    const { run, pill, finished } = await start()
    expect((await run('!vtip 185.220.101.47')).status).toBe('ok')
    expect(pill('VirusTotal')).toMatchObject({ state: 'ok', detail: 'answering normally' })

    await vt.goDown()
    const refused = await run('!vt domain login-micros0ft.com')
    expect(refused.error?.message).toMatch(/^Cannot reach VirusTotal at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/)
    expect(pill('VirusTotal')).toMatchObject({ state: 'down', detail: refused.error?.message })
    await vt.comeBack()

    vt.failNext(503)
    expect((await run('!vt domain login-micros0ft.com')).error?.message).toContain('VirusTotal is having trouble (503)')
    expect(pill('VirusTotal').state).toBe('down')

    vt.failNext(429, { 'retry-after': '1' })
    const limited = await run('!vt url hxxp://login-micros0ft[.]com/owa/')
    expect(limited.error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('holds further lookups for 1 s') })
    expect(pill('VirusTotal')).toMatchObject({ state: 'degraded', detail: limited.error?.message })

    vt.hangAll(5_000)
    const hung = await run(`!vt hash ${'275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f'}`)
    expect(hung.error?.message).toBe('VirusTotal did not answer within 0.3 s. It may be slow or down; try again in a minute.')
    expect(pill('VirusTotal').state).toBe('down')
    vt.hangAll(0)

    // Back: the held 429 pause runs out, and each failed lookup answers when typed again.
    const beforeRecovery = vt.requests.length
    for (const line of ['!vt domain login-micros0ft.com', '!vt url hxxp://login-micros0ft[.]com/owa/', '!vt hash 275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f', '!vtip 185.220.101.47']) {
      expect((await run(line)).status).toBe('ok')
    }
    expect(pill('VirusTotal')).toMatchObject({ state: 'ok', detail: 'answering normally' })
    // Three lookups reached the service once each; the IP came from the cache, costing no quota.
    const served = vt.requests.slice(beforeRecovery).map((r) => r.path.split('/')[3])
    expect(served).toEqual(['domains', 'urls', 'files'])
    expect(finished().map((f) => f.status)).toEqual(['ok', 'error', 'error', 'error', 'error', 'ok', 'ok', 'ok', 'ok'])
  })

  it('RDAP: refused, 5xx, 429 and a hang; the top bar follows and whois answers again', async () => {
    const { run, pill } = await start()
    expect((await run('!whois 8.8.8.8')).status).toBe('ok')
    await rdap.goDown()
    expect((await run('!whois login-micros0ft.com')).error?.message).toMatch(/Cannot reach RDAP .*ECONNREFUSED/)
    expect(pill('RDAP')).toMatchObject({ state: 'down', detail: expect.stringContaining('Cannot reach RDAP') })
    await rdap.comeBack()
    rdap.failNext(502)
    expect((await run('!whois login-micros0ft.com')).error?.message).toContain('RDAP is having trouble (502)')
    rdap.failNext(429, { 'retry-after': '30' })
    expect((await run('!whois login-micros0ft.com')).error?.message).toContain('RDAP is rate limiting us (429): "Too Many Requests — HTTP 429". Try again in 30 s.')
    expect(pill('RDAP').state).toBe('degraded')
    rdap.hangAll(5_000)
    expect((await run('!whois AS15169')).error?.code).toBe('TIMEOUT')
    expect(pill('RDAP')).toMatchObject({ state: 'down', detail: 'RDAP did not answer within 0.3 s. It may be slow or down; try again in a minute.' })
    rdap.hangAll(0)
    const before = rdap.requests.length
    expect((await run('!whois login-micros0ft.com')).status).toBe('ok')
    expect((await run('!whois AS15169')).status).toBe('ok')
    expect(rdap.requests.slice(before).map((r) => r.path)).toEqual(['/domain/login-micros0ft.com', '/autnum/15169', '/registry/autnum/15169'])
    expect(pill('RDAP')).toMatchObject({ state: 'ok', detail: 'answering normally' })
  })
})
