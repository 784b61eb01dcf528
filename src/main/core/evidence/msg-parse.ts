import MsgReader from '@kenjiuno/msgreader'
import type { ParsedMail } from 'mailparser'
import { fromParsed, MalformedEmail, parseHeaderBlock, type ParsedAttachment, type ParsedEmail } from './email-parse'

/**
 * An Outlook .msg (a compound file): its transport headers are parsed as an RFC 5322 header block,
 * its body and attachments come from the message's properties.
 */
export async function parseMsg(bytes: Uint8Array): Promise<ParsedEmail> {
  let reader: MsgReader
  let data: ReturnType<MsgReader['getFileData']>
  try {
    const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
    reader = new MsgReader(copy)
    data = reader.getFileData()
  } catch (err) {
    throw new MalformedEmail(`the Outlook file could not be read (${err instanceof Error ? err.message : String(err)})`)
  }
  if (data.error) throw new MalformedEmail(`the Outlook file could not be read (${data.error})`)
  const headerText = data.headers ?? synthesiseHeaders(data)
  const mail: ParsedMail = await parseHeaderBlock(headerText)
  const attachments: ParsedAttachment[] = []
  for (const [i, att] of (data.attachments ?? []).slice(0, 100).entries()) {
    try {
      const file = reader.getAttachment(att)
      attachments.push({ name: file.fileName || `attachment-${i + 1}`, mime: att.attachMimeTag ?? 'application/octet-stream', content: file.content })
    } catch {
      // An attachment that cannot be read is skipped; the message itself stays.
    }
  }
  const html = typeof data.bodyHtml === 'string' ? data.bodyHtml : ''
  const text = data.body ?? htmlToPlain(html)
  return fromParsed(mail, mail.headerLines, { text, html, attachments })
}

function synthesiseHeaders(data: ReturnType<MsgReader['getFileData']>): string {
  const lines: string[] = []
  if (data.senderEmail) lines.push(`From: ${data.senderName ?? ''} <${data.senderEmail}>`)
  if (data.subject) lines.push(`Subject: ${data.subject}`)
  if (data.messageDeliveryTime) lines.push(`Date: ${data.messageDeliveryTime}`)
  const to = (data.recipients ?? []).map((r) => r.smtpAddress ?? r.email ?? '').filter(Boolean)
  if (to.length) lines.push(`To: ${to.join(', ')}`)
  return lines.join('\r\n')
}

/** Tags dropped, entities for the few characters that matter decoded: text only, never rendered. */
export function htmlToPlain(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/p>|<\/div>|<\/tr>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
}
