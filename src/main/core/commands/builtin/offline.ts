import { createHash } from 'node:crypto'
import { z } from 'zod'
import { defang, extractIocs, refang } from '../../../../shared/ioc'
import { inCidr, ipInfo } from '../../../../shared/ip'
import { VirgilError } from '../../../../shared/errors'
import { restText } from '../args'
import type { CommandSpec } from '../types'

const textArg = restText('The text')

const iocExtract: CommandSpec<string> = {
  path: ['ioc', 'extract'],
  usage: 'ioc extract [text]  (or reply to a message; alone, it scans the incident description)',
  summary: 'Pull IPs, domains, URLs, emails, hashes and CVEs out of text; defanged input is understood.',
  examples: ['ioc extract hxxp://evil[.]example/login from 203.0.113.7', 'reply to a pasted email with: ioc extract'],
  danger: 'safe',
  args: textArg,
  async run(text, ctx) {
    const from = text.trim() ? 'the text given' : ctx.replyText ? 'the message replied to' : 'the incident description'
    const source = text.trim() || ctx.replyText || ctx.incidentText || ''
    if (!source.trim()) throw new VirgilError('BAD_INPUT', 'Nothing to scan: add text after the command or reply to a message. Usage: ioc extract [text]')
    const iocs = extractIocs(source)
    return {
      title: `Indicators · ${iocs.length} found`,
      summary: `From ${from}.`,
      tone: iocs.length ? 'info' : 'ok',
      table: { columns: ['Type', 'Value (defanged)'], rows: iocs.map((i) => [i.type, defang(i.value)]) },
      raw: iocs
    }
  }
}

const textTransform = (name: 'defang' | 'refang', fn: (t: string) => string, summary: string, example: string): CommandSpec<string> => ({
  path: [name],
  usage: `${name} <text>`,
  summary,
  examples: [example],
  danger: 'safe',
  args: textArg.refine((t) => t.trim().length > 0, { message: 'Missing the text' }),
  async run(text) {
    return { title: name === 'defang' ? 'Defanged' : 'Refanged', text: fn(text) }
  }
})

const hashArgs = z.object({
  positional: z.array(z.string()).min(1, 'Missing the text to hash'),
  flags: z.object({ algo: z.enum(['md5', 'sha1', 'sha256', 'sha512', 'all']).optional() }).strict()
})

const hash: CommandSpec<z.infer<typeof hashArgs>> = {
  path: ['hash'],
  usage: 'hash [--algo md5|sha1|sha256|sha512|all] <text>',
  summary: 'Hash text (UTF-8) to compare with indicators.',
  examples: ['hash invoice.pdf.exe', 'hash --algo md5 hello'],
  danger: 'safe',
  args: hashArgs,
  async run({ positional, flags }) {
    const text = positional.join(' ')
    const algos = !flags.algo || flags.algo === 'all' ? ['md5', 'sha1', 'sha256'] : [flags.algo]
    return { title: 'Hashes', fields: algos.map((a) => ({ label: a.toUpperCase(), value: createHash(a).update(text, 'utf8').digest('hex') })) }
  }
}

const b64 = (mode: 'encode' | 'decode'): CommandSpec<string> => ({
  path: ['b64', mode],
  usage: `b64 ${mode} <text>`,
  summary: mode === 'encode' ? 'Base64-encode text.' : 'Decode base64 (standard or URL-safe); binary is shown as hex.',
  examples: [mode === 'encode' ? 'b64 encode powershell -nop' : 'b64 decode SGVsbG8='],
  danger: 'safe',
  args: textArg.refine((t) => t.trim().length > 0, { message: 'Missing the text' }),
  async run(text) {
    if (mode === 'encode') return { title: 'Base64', text: Buffer.from(text, 'utf8').toString('base64') }
    const clean = text.replace(/\s+/g, '')
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(clean)) throw new VirgilError('BAD_INPUT', 'That is not base64: only A-Z, a-z, 0-9, +, /, - and _ with = padding. Usage: b64 decode <text>')
    const bytes = Buffer.from(clean.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
    const asText = bytes.toString('utf8')
    const printable = !asText.includes('\uFFFD') && ![...asText].some(isControl)
    // PowerShell -EncodedCommand is UTF-16LE: show that reading too when it looks like it.
    const utf16 = bytes.length % 2 === 0 && bytes.length > 0 && bytes.filter((_, i) => i % 2 === 1).every((b) => b === 0)
    return {
      title: 'Decoded',
      summary: `${bytes.length} bytes`,
      text: utf16 ? bytes.toString('utf16le') : printable ? asText : bytes.toString('hex').replace(/(..)/g, '$1 ').trim(),
      ...(utf16 ? { fields: [{ label: 'Encoding', value: 'UTF-16LE (as in PowerShell -EncodedCommand)' }] } : {})
    }
  }
})

function isControl(ch: string): boolean {
  const code = ch.charCodeAt(0)
  return code < 0x20 && ch !== '\n' && ch !== '\r' && ch !== '\t'
}

const ipArgs = z.object({
  positional: z.array(z.string()).min(1, 'Missing the IP address').max(1, 'One IP address at a time'),
  flags: z.object({ in: z.string().optional() }).strict()
})

const ipInfoCommand: CommandSpec<z.infer<typeof ipArgs>> = {
  path: ['ip', 'info'],
  usage: 'ip info <ip> [--in <cidr>]',
  summary: 'Public, private or reserved; which range; optionally whether it is inside a CIDR.',
  examples: ['ip info 10.1.2.3', 'ip info 203.0.113.9 --in 203.0.113.0/24'],
  danger: 'safe',
  args: ipArgs,
  async run({ positional, flags }) {
    const info = ipInfo(refang(positional[0] as string))
    const fields = [
      { label: 'Address', value: info.address },
      { label: 'Version', value: `IPv${info.version}` },
      { label: 'Scope', value: info.scope, tone: info.scope === 'public' ? ('info' as const) : ('ok' as const) },
      ...(info.range ? [{ label: 'Range', value: info.range }] : [])
    ]
    if (flags.in) fields.push({ label: `In ${flags.in}`, value: inCidr(info.address, flags.in) ? 'yes' : 'no' })
    return { title: `IP · ${info.address}`, fields, raw: info }
  }
}

export function offlineCommands(): CommandSpec<never>[] {
  return [
    iocExtract,
    textTransform('defang', defang, 'Make indicators safe to paste: hxxp, [.] and [@].', 'defang http://evil.example/x'),
    textTransform('refang', refang, 'Turn defanged indicators back into real ones.', 'refang hxxp://evil[.]example'),
    hash,
    b64('encode'),
    b64('decode'),
    ipInfoCommand
  ] as unknown as CommandSpec<never>[]
}

