import { describe, expect, it } from 'vitest'
import { VirgilError } from '../../../src/shared/errors'
import { inCidr, ipInfo, isIpAddress, parseCidr, parseIp, tryParseIp, type IpScope } from '../../../src/shared/ip'

describe('parseIp', () => {
  it.each<[string, 4 | 6, string]>([
    ['8.8.8.8', 4, '8.8.8.8'],
    [' 0.0.0.0 ', 4, '0.0.0.0'],
    ['255.255.255.255', 4, '255.255.255.255'],
    ['2001:DB8::1', 6, '2001:db8::1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', 6, '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', 6, '2001:db8::1:0:0:1'],
    ['2001:db8:0:1:1:1:1:1', 6, '2001:db8:0:1:1:1:1:1'],
    ['2001:0:0:1:0:0:0:1', 6, '2001:0:0:1::1'],
    ['::', 6, '::'],
    ['::1', 6, '::1'],
    ['1::', 6, '1::'],
    ['1:2:3:4:5:6:7::', 6, '1:2:3:4:5:6:7:0'],
    ['::ffff:192.0.2.1', 6, '::ffff:192.0.2.1'],
    ['::FFFF:c000:0201', 6, '::ffff:192.0.2.1'],
    ['64:ff9b::1.2.3.4', 6, '64:ff9b::102:304'],
    ['1:2:3:4:5:6:1.2.3.4', 6, '1:2:3:4:5:6:102:304'],
    ['fe80::1%eth0', 6, 'fe80::1']
  ])('%j → IPv%i %s', (input, version, address) => {
    expect(parseIp(input)).toMatchObject({ version, address })
  })

  it.each([
    '',
    '1.2.3',
    '1.2.3.4.5',
    '256.1.1.1',
    '1.2.3.-4',
    '01.2.3.4',
    '1.2.3.4%eth0',
    '0x7f.0.0.1',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '1::2::3',
    ':::',
    ':1::2',
    '12345::1',
    'g::1',
    '1.2.3.4::',
    '1:2:3:4:5:6:7:1.2.3.4',
    '::1.2.3.256',
    'fe80::1%',
    'example.com'
  ])('%j is not an IP address', (input) => {
    expect(tryParseIp(input)).toBeNull()
    expect(isIpAddress(input)).toBe(false)
    try {
      parseIp(input)
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(VirgilError)
      expect((e as VirgilError).code).toBe('BAD_INPUT')
      expect((e as VirgilError).message).toMatch(/is not a valid IP address/)
    }
  })
})

describe('ipInfo', () => {
  // Each range with the addresses that probe it (both ends where it matters).
  const ranges: [IpScope, string | undefined, string[]][] = [
    ['public', undefined, ['8.8.8.8', '11.0.0.0', '100.63.255.255', '100.128.0.0', '172.15.255.255', '172.32.0.0', '2606:4700:4700::1111', '2001:4860:4860::8888', '2001:db9::1']],
    ['unspecified', '0.0.0.0/32 (unspecified address)', ['0.0.0.0']],
    ['reserved', '0.0.0.0/8 ("this network", RFC 791)', ['0.1.2.3']],
    ['private', '10.0.0.0/8 (RFC 1918 private)', ['10.0.0.1', '10.255.255.255']],
    ['cgnat', '100.64.0.0/10 (RFC 6598 carrier-grade NAT)', ['100.64.0.0', '100.127.255.255']],
    ['loopback', '127.0.0.0/8 (loopback)', ['127.0.0.1']],
    ['link-local', '169.254.0.0/16 (RFC 3927 link-local)', ['169.254.169.254']],
    ['private', '172.16.0.0/12 (RFC 1918 private)', ['172.16.0.1', '172.31.255.255']],
    ['documentation', '192.0.2.0/24 (TEST-NET-1 documentation)', ['192.0.2.10']],
    ['private', '192.168.0.0/16 (RFC 1918 private)', ['192.168.1.1']],
    ['reserved', '198.18.0.0/15 (RFC 2544 benchmarking)', ['198.18.0.1']],
    ['documentation', '198.51.100.0/24 (TEST-NET-2 documentation)', ['198.51.100.7']],
    ['documentation', '203.0.113.0/24 (TEST-NET-3 documentation)', ['203.0.113.9']],
    ['multicast', '224.0.0.0/4 (multicast)', ['224.0.0.251', '239.255.255.250']],
    ['reserved', '240.0.0.0/4 (reserved for future use)', ['240.0.0.1', '255.255.255.254']],
    ['broadcast', '255.255.255.255/32 (limited broadcast)', ['255.255.255.255']],
    ['unspecified', '::/128 (unspecified address)', ['::']],
    ['loopback', '::1/128 (loopback)', ['::1']],
    ['documentation', '2001:db8::/32 (RFC 3849 documentation)', ['2001:db8::1', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff']],
    ['reserved', '2001::/23 (IETF protocol assignments)', ['2001::1']],
    ['documentation', '3fff::/20 (RFC 9637 documentation)', ['3fff::1']],
    ['private', 'fc00::/7 (RFC 4193 unique local (private))', ['fc00::1', 'fdff:ffff::1']],
    ['link-local', 'fe80::/10 (link-local)', ['fe80::1', 'febf::1']],
    ['reserved', 'fec0::/10 (deprecated site-local)', ['fec0::1']],
    ['multicast', 'ff00::/8 (multicast)', ['ff02::1']],
    ['reserved', '100::/64 (RFC 6666 discard-only)', ['100::1']],
    ['reserved', 'outside 2000::/3 (not allocated for global unicast)', ['4000::1']]
  ]
  it.each(ranges.flatMap(([scope, range, ips]) => ips.map((ip): [string, IpScope, string | undefined] => [ip, scope, range])))('%s is %s', (ip, scope, range) => {
    const info = ipInfo(ip)
    expect(info.scope).toBe(scope)
    expect(info.range).toBe(range)
    expect(info.version).toBe(ip.includes(':') ? 6 : 4)
  })

  it.each<[string, IpScope, string]>([
    ['::ffff:10.1.2.3', 'private', '10.1.2.3'],
    ['::ffff:127.0.0.1', 'loopback', '127.0.0.1'],
    ['::ffff:8.8.8.8', 'public', '8.8.8.8']
  ])('IPv4-mapped %s is judged by its IPv4 address', (ip, scope, mapped) => {
    const info = ipInfo(ip)
    expect(info).toMatchObject({ version: 6, address: ip, scope, mappedIpv4: mapped })
    expect(info.range).toMatch(/::ffff:0:0\/96 \(IPv4-mapped\)$/)
  })

  it('normalises the address it reports', () => {
    expect(ipInfo('FE80:0:0:0:0:0:0:0001').address).toBe('fe80::1')
  })

  it('rejects non-addresses with an actionable message', () => {
    expect(() => ipInfo('999.1.1.1')).toThrow('"999.1.1.1" is not a valid IP address')
  })
})

describe('inCidr', () => {
  it.each<[string, string, boolean]>([
    ['10.0.0.0', '10.0.0.0/8', true],
    ['10.255.255.255', '10.0.0.0/8', true],
    ['11.0.0.0', '10.0.0.0/8', false],
    ['9.255.255.255', '10.0.0.0/8', false],
    ['192.168.1.1', '192.168.1.1/32', true],
    ['192.168.1.2', '192.168.1.1/32', false],
    ['192.168.1.2', '192.168.1.1', false],
    ['192.168.1.1', '192.168.1.1', true],
    ['1.2.3.4', '0.0.0.0/0', true],
    ['172.31.0.1', '172.16.0.0/12', true],
    ['172.32.0.1', '172.16.0.0/12', false],
    ['10.1.2.3', '10.1.2.200/24', true],
    ['203.0.113.127', '203.0.113.0/25', true],
    ['203.0.113.128', '203.0.113.0/25', false],
    ['2001:db8::1', '2001:db8::/32', true],
    ['2001:db8:ffff:ffff:ffff:ffff:ffff:ffff', '2001:db8::/32', true],
    ['2001:db9::', '2001:db8::/32', false],
    ['::1', '::1/128', true],
    ['::2', '::1/128', false],
    ['fe80::1', '::/0', true],
    ['fe80::1', 'fe80::/10', true],
    ['fec0::1', 'fe80::/10', false],
    ['::ffff:10.0.0.5', '10.0.0.0/8', true],
    ['::ffff:11.0.0.5', '10.0.0.0/8', false],
    ['10.0.0.5', '::ffff:10.0.0.0/104', false],
    ['10.0.0.1', '::/0', false],
    ['2001:db8::1', '0.0.0.0/0', false]
  ])('%s in %s = %s', (ip, cidr, expected) => {
    expect(inCidr(ip, cidr)).toBe(expected)
  })

  it.each(['10.0.0.0/33', '10.0.0.0/-1', '10.0.0.0/', '10.0.0.0/8/8', '2001:db8::/129', 'example.com/24', '10.0.0.0/8.0', '10.0.0.0/0x8'])(
    'rejects the range %j',
    (cidr) => {
      expect(() => inCidr('10.0.0.1', cidr)).toThrow(/is not a valid CIDR range/)
    }
  )

  it('rejects a bad address before looking at the range', () => {
    expect(() => inCidr('10.0.0.256', '10.0.0.0/8')).toThrow(/is not a valid IP address/)
  })

  it('masks host bits of a range', () => {
    expect(parseCidr('10.1.2.3/8')).toEqual({ version: 4, network: 10n << 24n, prefix: 8 })
  })
})
