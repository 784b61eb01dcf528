import type { AuthVerdict, ReceivedHop } from '../../../shared/evidence'

const VERDICTS = new Set<AuthVerdict>(['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror', 'policy'])
const IPV4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])/
const IPV6 = /\[(?:IPv6:)?([0-9a-f:]{3,39})\]/i

export interface HeaderLine {
  key: string
  line: string
}

/** A header's value with folding undone and its "Name:" cut. */
export function headerValue(line: string): string {
  return line.replace(/^[^:]*:\s*/, '').replace(/\r?\n[ \t]+/g, ' ').trim()
}

export function allValues(lines: readonly HeaderLine[], key: string): string[] {
  return lines.filter((l) => l.key === key).map((l) => headerValue(l.line))
}

/** Received headers, newest first as they are stacked, each as a hop: from, by, IP and time. */
export function receivedHops(lines: readonly HeaderLine[]): ReceivedHop[] {
  return allValues(lines, 'received')
    .slice(0, 50)
    .map((value) => {
      const hop: ReceivedHop = {}
      const from = /\bfrom\s+([^\s;()]+)/i.exec(value)?.[1]
      const by = /\bby\s+([^\s;()]+)/i.exec(value)?.[1]
      const fromPart = value.split(/\bby\s/i, 1)[0] ?? ''
      const ip = IPV4.exec(fromPart)?.[0] ?? IPV6.exec(fromPart)?.[1]
      const when = value.lastIndexOf(';') >= 0 ? value.slice(value.lastIndexOf(';') + 1).trim() : ''
      const at = when ? new Date(when) : undefined
      if (from) hop.from = from
      if (by) hop.by = by
      if (ip) hop.ip = ip
      if (at && !Number.isNaN(at.getTime())) hop.at = at.toISOString()
      return hop
    })
}

/**
 * SPF, DKIM and DMARC as the receiving server judged them: the topmost Authentication-Results
 * header (the one our own border added), falling back to Received-SPF. "missing" when no verdict.
 */
export function authVerdicts(lines: readonly HeaderLine[]): { spf: AuthVerdict; dkim: AuthVerdict; dmarc: AuthVerdict } {
  const results = allValues(lines, 'authentication-results')[0] ?? ''
  const pick = (method: string): AuthVerdict => {
    const found = new RegExp(`\\b${method}\\s*=\\s*([a-z]+)`, 'i').exec(results)?.[1]?.toLowerCase() as AuthVerdict | undefined
    return found && VERDICTS.has(found) ? found : 'missing'
  }
  let spf = pick('spf')
  if (spf === 'missing') {
    const received = allValues(lines, 'received-spf')[0]
    const word = received ? (/^([a-z]+)/i.exec(received)?.[1]?.toLowerCase() as AuthVerdict | undefined) : undefined
    if (word && VERDICTS.has(word)) spf = word
  }
  return { spf, dkim: pick('dkim'), dmarc: pick('dmarc') }
}

/** The raw header block, as received, capped for the card. */
export function rawHeaderBlock(lines: readonly HeaderLine[], cap = 32_768): string {
  const text = lines.map((l) => l.line).join('\n')
  return text.length > cap ? `${text.slice(0, cap)}\n… (${(text.length - cap).toLocaleString('en')} more characters in the stored file)` : text
}

/** href and src targets in an HTML body, so links hidden behind text are listed too. */
export function htmlLinks(html: string): string[] {
  const out: string[] = []
  for (const m of html.matchAll(/\b(?:href|src)\s*=\s*["']?([^"'\s>]+)/gi)) {
    const url = (m[1] ?? '').replace(/&amp;/g, '&')
    if (/^(?:https?|ftp):\/\//i.test(url)) out.push(url)
    if (out.length >= 200) break
  }
  return out
}
