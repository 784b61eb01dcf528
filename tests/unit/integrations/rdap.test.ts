import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RdapClient } from '../../../src/main/core/integrations/rdap'
import { whoisOutput } from '../../../src/main/core/commands/builtin/whois'
import { startRdap, type RdapStandin } from '../../standins/rdap'

describe('RdapClient', () => {
  let rdap: RdapStandin
  let client: RdapClient
  beforeEach(async () => {
    rdap = await startRdap()
    client = new RdapClient({ baseUrl: rdap.url, timeoutMs: 2000 })
  })
  afterEach(async () => {
    await rdap.close()
  })

  it('follows the bootstrap redirect to the registry and normalises an IP network', async () => {
    const net = await client.ip('8.8.8.8')
    expect(rdap.requests.map((r) => r.path)).toEqual(['/ip/8.8.8.8', '/registry/ip/8.8.8.8'])
    expect(rdap.requests[0]?.headers.accept).toContain('application/rdap+json')
    expect(net.source).toBe(`${rdap.url}/registry/ip/8.8.8.8`)
    expect(net).toMatchObject({ handle: 'NET-8-8-8-0-2', name: 'GOGL', type: 'DIRECT ALLOCATION', cidrs: ['8.8.8.0/24'], asn: 'AS15169' })
    expect(net.range).toEqual({ start: '8.8.8.0', end: '8.8.8.255' })
    expect(net.registrant).toMatchObject({ name: 'Google LLC', handle: 'GOGL' })
    expect(net.abuse).toMatchObject({ email: 'network-abuse@google.com', handle: 'ABUSE5250-ARIN' })
    expect(net.events.registration).toBe('2023-12-28T17:24:33-05:00')
  })

  it('normalises a domain: registrar, abuse under the registrar, dates, status and nameservers', async () => {
    const domain = await client.domain('LOGIN-MICROS0FT.COM')
    expect(rdap.requests[0]?.path).toBe('/domain/login-micros0ft.com')
    expect(domain.name).toBe('login-micros0ft.com')
    expect(domain.registrar?.name).toBe('NameSilo, LLC')
    expect(domain.abuse?.email).toBe('abuse@namesilo.com')
    expect(domain.events).toEqual({ registration: '2024-04-25T02:13:20Z', lastChanged: '2024-04-25T02:13:21Z', expiration: '2025-04-25T02:13:20Z' })
    expect(domain.nameservers).toEqual(['ns1.dnsowl.com', 'ns2.dnsowl.com'])
    expect(domain.status).toEqual(['client transfer prohibited'])
  })

  it('keeps a privacy-redacted registrant: its org and country, and names what was redacted (RFC 9537)', async () => {
    const domain = await client.domain('paypa1-account-verify.com')
    expect(domain.registrant).toEqual({
      roles: ['registrant'],
      org: 'Privacy service provided by Withheld for Privacy ehf',
      country: 'IS',
      kind: 'individual',
      redacted: ['id', 'name', 'street', 'city', 'postal code', 'phone', 'email']
    })
    expect(domain.contacts.find((c) => c.roles.includes('technical'))?.redacted).toEqual(['name', 'email'])
    expect(domain.redacted[0]).toEqual({ name: 'Registry Registrant ID', method: 'removal', reason: 'Server policy' })

    const fields = Object.fromEntries(whoisOutput(domain, Date.parse('2026-12-04T00:00:00Z')).fields?.map((f) => [f.label, f.value]) ?? [])
    expect(fields.Registrant).toBe('Privacy service provided by Withheld for Privacy ehf · IS · id, name, street, city, postal code, phone, email redacted')
    expect(fields.Redacted).toContain('Registrant Email')
    expect(fields.Redacted).toMatch(/Tech Email \(Server policy\)$/)
    expect(fields.Registrar).toBe('NameCheap, Inc.')
    expect(fields['Abuse contact']).toBe('abuse@namecheap.com')
  })

  it('shows a full registrant as before, name first, with its country', async () => {
    const net = await client.ip('185.220.101.7')
    const fields = Object.fromEntries(whoisOutput(net).fields?.map((f) => [f.label, f.value]) ?? [])
    expect(fields.Registrant).toBe('Foundation for Applied Privacy')
    expect(fields.Redacted).toBeUndefined()
  })

  it('looks up an autonomous system given as AS15169', async () => {
    const as = await client.autnum('AS15169')
    expect(as).toMatchObject({ asn: 'AS15169', name: 'GOOGLE', registrant: { name: 'Google LLC' } })
  })

  it('says plainly when no registry has the record', async () => {
    await expect(client.domain('nobody-registered-this.com')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('No registry holds RDAP data for nobody-registered-this.com (404)')
    })
  })

  it('gives up after three redirects', async () => {
    rdap.setRedirect('/domain/loop.com', '/domain/loop.com')
    await expect(client.domain('loop.com')).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('redirected more than 3 times') })
    expect(rdap.requests).toHaveLength(4)
  })

  it('reports registry rate limits with the wait', async () => {
    rdap.failNext(429, { 'retry-after': '5' })
    await expect(client.ip('8.8.8.8')).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 5000, service: 'RDAP' })
  })
})
