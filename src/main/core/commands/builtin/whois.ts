import { z } from 'zod'
import type { CommandOutput, OutputField, Tone } from '../../../../shared/command-output'
import { classifyIndicator, defang, refang } from '../../../../shared/ioc'
import { tryParseIp } from '../../../../shared/ip'
import type { RdapClient, RdapContact, RdapSummary } from '../../integrations/rdap'
import { noFlags } from '../args'
import type { CommandSpec } from '../types'

export type WhoisTarget = { kind: 'ip' | 'domain'; value: string } | { kind: 'autnum'; value: number }

const NEW_DOMAIN_DAYS = 30

/** An IP, a domain (a pasted URL or email gives its host) or ASnnnn; defanged input is fine. */
export function parseWhoisTarget(raw: string): WhoisTarget | string {
  const value = refang(raw.trim())
  const asn = /^AS(\d{1,10})$/i.exec(value)
  if (asn) {
    const n = Number(asn[1])
    return n <= 4_294_967_295 ? { kind: 'autnum', value: n } : `${value} is beyond the largest AS number (4294967295)`
  }
  const kind = classifyIndicator(value)
  let host = value
  if (kind === 'url') host = new URL(value).hostname.replace(/^\[|\]$/g, '')
  else if (kind === 'email') host = value.slice(value.lastIndexOf('@') + 1)
  const ip = tryParseIp(host)
  if (ip) return { kind: 'ip', value: ip.address }
  const name = host.toLowerCase().replace(/\.$/, '')
  if (classifyIndicator(name) === 'domain') return { kind: 'domain', value: name }
  const shown = raw.length > 60 ? `${raw.slice(0, 57)}...` : raw
  return `"${shown}" is not an IP address, a domain or an AS number like AS15169`
}

const target = z.string().transform((raw, ctx) => {
  const parsed = parseWhoisTarget(raw)
  if (typeof parsed !== 'string') return parsed
  ctx.addIssue({ code: 'custom', message: parsed })
  return z.NEVER
})

const whoisArgs = z.object({
  positional: z
    .array(z.string())
    .min(1, 'Missing the IP, domain or AS number')
    .max(1, 'Only one IP, domain or AS number at a time')
    .transform((p) => p[0] as string)
    .pipe(target),
  flags: noFlags
})

/** whois over RDAP: who holds an IP network, a domain or an AS, and whom to write about abuse. */
export function whoisCommands(getClient: () => RdapClient): CommandSpec[] {
  const whois: CommandSpec<z.infer<typeof whoisArgs>> = {
    path: ['whois'],
    usage: 'whois <ip|domain|ASnnnn>',
    summary: 'Registration data over RDAP: holder, network range, abuse contact, registrar and dates.',
    examples: ['whois 8.8.8.8', 'whois login-micros0ft[.]com', 'whois AS15169'],
    danger: 'safe',
    service: 'RDAP',
    args: whoisArgs,
    async run({ positional: parsed }, ctx) {
      const client = getClient()
      const summary =
        parsed.kind === 'autnum'
          ? await client.autnum(parsed.value, ctx.signal)
          : parsed.kind === 'ip'
            ? await client.ip(parsed.value, ctx.signal)
            : await client.domain(parsed.value, ctx.signal)
      return whoisOutput(summary)
    }
  }
  return [whois] as CommandSpec[]
}

export function whoisOutput(summary: RdapSummary, now = Date.now()): CommandOutput {
  const fields: OutputField[] = []
  const add = (label: string, value: string | undefined, tone?: Tone): void => {
    if (!value) return
    fields.push(tone ? { label, value, tone } : { label, value })
  }
  const ageDays = summary.events.registration ? Math.floor((now - Date.parse(summary.events.registration)) / 86_400_000) : undefined
  const isNewDomain = summary.kind === 'domain' && ageDays !== undefined && ageDays >= 0 && ageDays < NEW_DOMAIN_DAYS
  add('Name', summary.name)
  add('Handle', summary.handle)
  add('Type', summary.type)
  add('Range', summary.cidrs.length ? summary.cidrs.join(', ') : summary.range ? `${summary.range.start} – ${summary.range.end}` : undefined)
  add('Country', summary.country)
  add('ASN', summary.asn)
  add('Registrant', contactText(summary.registrant))
  add('Registrar', contactText(summary.registrar))
  add('Abuse contact', contactText(summary.abuse))
  add('Redacted', redactionText(summary))
  add('Registered', summary.events.registration?.slice(0, 10), isNewDomain ? 'warn' : undefined)
  add('Last changed', summary.events.lastChanged?.slice(0, 10))
  add('Expires', summary.events.expiration?.slice(0, 10))
  add('Status', summary.status.join(', '))
  add('Nameservers', summary.nameservers.join(', '))
  add('Source', new URL(summary.source).host)
  const shownQuery = summary.kind === 'autnum' ? `AS${summary.query}` : summary.kind === 'domain' ? defang(summary.query) : summary.query
  const output: CommandOutput = { title: `Whois · ${shownQuery}`, tone: isNewDomain ? 'warn' : 'info', fields, raw: summary.raw }
  if (isNewDomain) output.summary = `Registered ${ageDays} day${ageDays === 1 ? '' : 's'} ago: newly registered domains are common in phishing.`
  return output
}

/** "Google LLC <abuse@…>", or for a privacy-redacted registrant "Withheld for Privacy ehf · IS · name, email redacted". */
function contactText(contact: RdapContact | undefined): string | undefined {
  if (!contact) return undefined
  const who = contact.name && contact.org && contact.org !== contact.name ? `${contact.name} (${contact.org})` : (contact.name ?? contact.org ?? contact.handle)
  const head = who && contact.email ? `${who} <${contact.email}>` : (who ?? contact.email)
  const parts = [head, contact.country, contact.redacted.length ? `${contact.redacted.join(', ')} redacted` : undefined].filter(Boolean)
  return parts.length ? parts.join(' · ') : undefined
}

/** Every field the server says it withheld, with its reason when all share one. */
function redactionText(summary: RdapSummary): string | undefined {
  if (!summary.redacted.length) return undefined
  const reasons = [...new Set(summary.redacted.map((r) => r.reason).filter(Boolean))]
  const names = summary.redacted.map((r) => r.name).join(', ')
  return reasons.length === 1 ? `${names} (${reasons[0]})` : names
}
