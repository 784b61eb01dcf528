import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser'
import type { EmailSummary } from '../../../shared/evidence'
import { extractIocs } from '../../../shared/ioc'
import { allValues, authVerdicts, headerValue, htmlLinks, rawHeaderBlock, receivedHops, type HeaderLine } from './email-headers'

const BODY_CAP = 20_000
const URL_CAP = 100

export interface ParsedAttachment {
  name: string
  mime: string
  content: Uint8Array
}

export interface ParsedEmail {
  summary: Omit<EmailSummary, 'attachments'>
  attachments: ParsedAttachment[]
  /** Headers and body as text, for the search index and the indicator extractor. */
  text: string
}

export class MalformedEmail extends Error {}

const addresses = (a: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value.map((v) => (v.name ? `${v.name} <${v.address ?? ''}>` : (v.address ?? '')))).filter(Boolean).slice(0, 100)

/** Plain text only: control characters and bidi overrides removed, length capped. */
export function sanitiseText(text: string, cap = BODY_CAP): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '')
  return clean.length > cap ? `${clean.slice(0, cap)}\n… (cut; the full message is in the stored file)` : clean
}

/** An RFC 5322 / MIME message: the summary a card shows, its attachments, and its text. */
export async function parseEmail(bytes: Uint8Array): Promise<ParsedEmail> {
  let mail: ParsedMail
  try {
    mail = await simpleParser(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true })
  } catch (err) {
    throw new MalformedEmail(`the MIME structure could not be read (${err instanceof Error ? err.message : String(err)})`)
  }
  return fromParsed(mail, mail.headerLines)
}

/** Headers alone (an Outlook .msg keeps the transport headers as one text block). */
export async function parseHeaderBlock(headers: string): Promise<ParsedMail> {
  return simpleParser(`${headers.trim()}\r\n\r\n`, { skipTextToHtml: true, skipHtmlToText: true })
}

export function fromParsed(mail: ParsedMail, lines: readonly HeaderLine[], body?: { text: string; html: string; attachments: ParsedAttachment[] }): ParsedEmail {
  const named = new Set(lines.map((l) => l.key))
  if (!['from', 'subject', 'date', 'received', 'message-id'].some((k) => named.has(k))) {
    throw new MalformedEmail('no From, Subject, Date, Received or Message-ID header was found')
  }
  const html = body?.html ?? (typeof mail.html === 'string' ? mail.html : '')
  const bodyText = sanitiseText(body?.text ?? mail.text ?? '')
  const urls = [...new Set([...extractIocs(bodyText).filter((i) => i.type === 'url').map((i) => i.value), ...htmlLinks(html)])].slice(0, URL_CAP)
  const summary: Omit<EmailSummary, 'attachments'> = {
    from: mail.from?.text ?? allValues(lines, 'from')[0] ?? '',
    replyTo: mail.replyTo?.text ?? '',
    returnPath: allValues(lines, 'return-path')[0] ?? '',
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    subject: sanitiseText(mail.subject ?? '', 998),
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : (allValues(lines, 'date')[0] ?? ''),
    messageId: mail.messageId ?? '',
    hops: receivedHops(lines),
    auth: authVerdicts(lines),
    urls,
    rawHeaders: rawHeaderBlock(lines),
    bodyText
  }
  const attachments = body?.attachments ?? mail.attachments.map((a, i) => ({
    name: a.filename ?? `attachment-${i + 1}`,
    mime: a.contentType || 'application/octet-stream',
    content: a.content
  }))
  const headerText = lines.map((l) => headerValue(l.line)).join('\n')
  return { summary, attachments, text: `${summary.subject}\n${headerText}\n${bodyText}\n${urls.join('\n')}` }
}
