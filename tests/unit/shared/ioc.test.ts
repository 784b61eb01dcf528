import { describe, expect, it } from 'vitest'
import { classifyIndicator, defang, extractIocs, refang, type Ioc, type IocType } from '../../../src/shared/ioc'

const MD5 = 'd41d8cd98f00b204e9800998ecf8427e'
const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709'
const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

const PHISHING_EMAIL = `From: "Microsoft 365 Security" <no-reply@micros0ft-secure[.]com>
Reply-To: billing(@)invoice-portal[.]co[.]uk
Received: from mail.micros0ft-secure.com ([185.234.218.12]) by mx.contoso.com
X-Originating-IP: 185.234.218.12

Dear user,

Your mailbox will be suspended. Verify your account within 24 hours at
hxxps://login.micros0ft-secure[.]com/owa/auth.php?user=jdoe@contoso.com&id=4471 .
If the link does not work, use hxxp[:]//198.51.100.23:8080/verify (backup server).

Attached: Invoice_2024.pdf.exe (SHA256 ${SHA256.toUpperCase()}),
also seen as ${MD5} and ${SHA1}.
This campaign exploits CVE-2023-23397 and cve-2024-21413. See www.example[.]org for details,
or https://evil.example.net/path_(x)). Thanks.

Regards, IT Helpdesk. Call-back node: 2001:db8:85a3::8a2e:370:7334.`

describe('extractIocs', () => {
  it('finds every indicator in a realistic phishing e-mail, in order, once', () => {
    expect(extractIocs(PHISHING_EMAIL)).toEqual<Ioc[]>([
      { type: 'email', value: 'no-reply@micros0ft-secure.com' },
      { type: 'email', value: 'billing@invoice-portal.co.uk' },
      { type: 'domain', value: 'mail.micros0ft-secure.com' },
      { type: 'ipv4', value: '185.234.218.12' },
      { type: 'domain', value: 'mx.contoso.com' },
      { type: 'url', value: 'https://login.micros0ft-secure.com/owa/auth.php?user=jdoe@contoso.com&id=4471' },
      { type: 'url', value: 'http://198.51.100.23:8080/verify' },
      { type: 'sha256', value: SHA256 },
      { type: 'md5', value: MD5 },
      { type: 'sha1', value: SHA1 },
      { type: 'cve', value: 'CVE-2023-23397' },
      { type: 'cve', value: 'CVE-2024-21413' },
      { type: 'domain', value: 'www.example.org' },
      { type: 'url', value: 'https://evil.example.net/path_(x)' },
      { type: 'ipv6', value: '2001:db8:85a3::8a2e:370:7334' }
    ])
  })

  it.each<[string, Ioc[]]>([
    ['nothing here, just words. And a sentence.', []],
    ['open report.pdf, setup.exe and index.html, then notes.txt', []],
    ['ran dropper.py and run.sh; see README.md and libx.so', []],
    ['the archive invoice.zip and clip.mov', []],
    ['but www.wp.pl and mail.evil.sh are domains', [
      { type: 'domain', value: 'www.wp.pl' },
      { type: 'domain', value: 'mail.evil.sh' }
    ]],
    ['Evil.COM and evil.com', [{ type: 'domain', value: 'evil.com' }]],
    ['visit example.com.', [{ type: 'domain', value: 'example.com' }]],
    ['punycode xn--80ak6aa92e.xn--p1ai', [{ type: 'domain', value: 'xn--80ak6aa92e.xn--p1ai' }]],
    ['bad ip 999.1.1.1 and 1.2.3.256', []],
    ['version 1.2.3.4.5 and v10.0.0.1', []],
    ['ip 10.0.0.1, then 10.0.0.1.', [{ type: 'ipv4', value: '10.0.0.1' }]],
    ['range 10.0.0.1-10.0.0.9', [
      { type: 'ipv4', value: '10.0.0.1' },
      { type: 'ipv4', value: '10.0.0.9' }
    ]],
    ['time 12:30:45, mac 00:1a:2b:3c:4d:5e, std::vector', []],
    ['v6 FE80::1%eth0 and ::ffff:10.0.0.1', [
      { type: 'ipv6', value: 'fe80::1' },
      { type: 'ipv6', value: '::ffff:10.0.0.1' }
    ]],
    ['http://[2001:db8::1]:443/x', [{ type: 'url', value: 'http://[2001:db8::1]:443/x' }]],
    ['<https://a.example.com/x>', [{ type: 'url', value: 'https://a.example.com/x' }]],
    ['[click](https://a.example.com/x)', [{ type: 'url', value: 'https://a.example.com/x' }]],
    ['"https://a.example.com/x", next', [{ type: 'url', value: 'https://a.example.com/x' }]],
    ['slack <https://a.example.com/x|label>', [{ type: 'url', value: 'https://a.example.com/x' }]],
    ['url http://intranet/x has no TLD', [{ type: 'url', value: 'http://intranet/x' }]],
    ['https:// alone', []],
    ['admin@corp.local is internal', []],
    ['hash in a longer hex run ' + 'a'.repeat(48), []],
    [`sha512 ${'ab'.repeat(64)}`, []],
    ['d41d8cd98f00b204e9800998ecf8427e.evil.com', [
      { type: 'domain', value: 'd41d8cd98f00b204e9800998ecf8427e.evil.com' }
    ]],
    ['evil[dot]com and bad{.}org and x(.)net', [
      { type: 'domain', value: 'evil.com' },
      { type: 'domain', value: 'bad.org' },
      { type: 'domain', value: 'x.net' }
    ]],
    ['HXXPS[://]evil[.]com/a', [{ type: 'url', value: 'https://evil.com/a' }]],
    ['bob[at]evil[.]com', [{ type: 'email', value: 'bob@evil.com' }]]
  ])('%j', (text, expected) => {
    expect(extractIocs(text)).toEqual(expected)
  })

  it('keeps a standalone domain that also appears inside a URL elsewhere', () => {
    expect(extractIocs('http://evil.com/a then evil.com again')).toEqual([
      { type: 'url', value: 'http://evil.com/a' },
      { type: 'domain', value: 'evil.com' }
    ])
  })

  it('is quick on a large paste', () => {
    const big = PHISHING_EMAIL.repeat(200)
    const started = performance.now()
    expect(extractIocs(big)).toHaveLength(15)
    expect(performance.now() - started).toBeLessThan(2000)
  })

  it.each<[string, string]>([
    ['dots', 'a.'.repeat(50_000) + '!'],
    ['colons', '1:'.repeat(50_000)],
    ['at signs', 'a@'.repeat(50_000)],
    ['closing brackets', 'http://x.example.com/' + ')'.repeat(50_000)],
    ['many IPs', Array.from({ length: 5_000 }, (_, i) => `10.0.${i >> 8}.${i & 255}`).join(' ')]
  ])('does not blow up on hostile input: %s', (_, text) => {
    const started = performance.now()
    extractIocs(text)
    defang(text)
    expect(performance.now() - started).toBeLessThan(2000)
  })
})

describe('refang and defang', () => {
  it.each<[string, string]>([
    ['hxxp://evil[.]com', 'http://evil.com'],
    ['hXXps[:]//evil(.)com', 'https://evil.com'],
    ['evil{.}com evil[dot]com evil(DOT)com', 'evil.com evil.com evil.com'],
    ['a[@]b[.]com a(@)b.com a[at]b.com', 'a@b.com a@b.com a@b.com'],
    ['fxp[:]//files[.]example[.]org', 'ftp://files.example.org'],
    ['plain text stays.', 'plain text stays.']
  ])('refang(%j) = %j', (text, expected) => {
    expect(refang(text)).toBe(expected)
  })

  it.each<[string, string]>([
    ['Block evil.com. Then rest.', 'Block evil[.]com. Then rest.'],
    ['go to http://evil.com/a.php now', 'go to hxxp://evil[.]com/a[.]php now'],
    ['and https://x.example.org.', 'and hxxps://x[.]example[.]org.'],
    ['mail bob@evil.com', 'mail bob[@]evil[.]com'],
    ['ip 10.0.0.1 and 2001:db8::1', 'ip 10[.]0[.]0[.]1 and 2001:db8::1'],
    ['report.pdf is a file', 'report.pdf is a file'],
    [`hash ${MD5} CVE-2023-23397`, `hash ${MD5} CVE-2023-23397`],
    ['already hxxp://evil[.]com and bob[@]evil[.]com', 'already hxxp://evil[.]com and bob[@]evil[.]com'],
    ['half http://evil[.]com/x', 'half hxxp://evil[.]com/x']
  ])('defang(%j) = %j', (text, expected) => {
    expect(defang(text)).toBe(expected)
  })

  it('round-trips the phishing e-mail: defang is idempotent and refang restores the indicators', () => {
    const once = defang(refang(PHISHING_EMAIL))
    expect(defang(once)).toBe(once)
    expect(once).not.toMatch(/https?:\/\//)
    expect(extractIocs(once)).toEqual(extractIocs(PHISHING_EMAIL))
  })
})

describe('classifyIndicator', () => {
  it.each<[string, IocType | null]>([
    ['8.8.8.8', 'ipv4'],
    ['8.8.8[.]8', 'ipv4'],
    ['2001:db8::1', 'ipv6'],
    ['example.com', 'domain'],
    ['example[.]com', 'domain'],
    ['example.com.', 'domain'],
    ['sub.example.co.uk', 'domain'],
    ['hxxps://evil[.]com/x', 'url'],
    ['https://evil.com', 'url'],
    ['bob@evil.com', 'email'],
    ['bob[@]evil[.]com', 'email'],
    [MD5, 'md5'],
    [SHA1.toUpperCase(), 'sha1'],
    [SHA256, 'sha256'],
    ['cve-2021-44228', 'cve'],
    ['  CVE-2021-44228  ', 'cve'],
    ['report.pdf', null],
    ['bob@corp.local', null],
    ['999.1.1.1', null],
    ['i-0abc123', null],
    ['hello world', null],
    ['', null],
    ['a'.repeat(33), null]
  ])('%j is %s', (value, expected) => {
    expect(classifyIndicator(value)).toBe(expected)
  })
})
