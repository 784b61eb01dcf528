import nodemailer from 'nodemailer'
import { VirgilError } from '../../../shared/errors'

export interface MailerSettings {
  host: string
  port: number
  /** true: TLS from the first byte (465). false: plain, upgraded with STARTTLS when the server offers it (587/25). */
  secure: boolean
  user?: string
  pass?: string
  from: string
  timeoutMs?: number
}

export interface OutgoingMail {
  to: string[]
  subject: string
  text: string
}

export interface SentMail {
  messageId: string
  accepted: string[]
  rejected: string[]
}

export interface Mailer {
  sendMail(mail: OutgoingMail): Promise<SentMail>
  close(): void
}

const SERVICE = 'Email'

interface SmtpErrorShape {
  code?: string
  responseCode?: number
  response?: string
  message?: string
}

export function mapMailError(error: unknown, settings: MailerSettings): VirgilError {
  const e = (error ?? {}) as SmtpErrorShape
  const where = `${settings.host}:${settings.port}`
  const reply = e.response ? ` The server said: ${e.response.slice(0, 160)}` : ''
  const extra = { service: SERVICE }
  if (e.code === 'EAUTH' || e.responseCode === 535 || e.responseCode === 534) {
    return new VirgilError('UNAUTHORIZED', `The mail server ${where} rejected the username or password (${e.responseCode ?? 'auth failed'}). Check Settings → Notify → SMTP user and password.`, extra)
  }
  if (e.code === 'ETIMEDOUT' || /timeout/i.test(e.message ?? '')) {
    return new VirgilError('TIMEOUT', `The mail server ${where} did not answer in time. Check the host, the port and the firewall.`, extra)
  }
  if (e.code === 'ECONNECTION' || e.code === 'ESOCKET' || e.code === 'EDNS') {
    const why = /ECONNREFUSED/.test(e.message ?? '') ? 'connection refused' : /ENOTFOUND|EDNS/.test(`${e.code} ${e.message}`) ? 'host not found' : (e.message ?? 'connection failed')
    const tls = /wrong version number|certificate|SSL|TLS/i.test(e.message ?? '') ? ' The TLS setting may not match the port (465 = secure on, 587 = off).' : ''
    return new VirgilError('UNAVAILABLE', `Could not connect to the mail server ${where} (${why}).${tls} Check Settings → Notify → SMTP host and port.`, extra)
  }
  if (e.code === 'EENVELOPE') {
    return new VirgilError('BAD_INPUT', `The mail server ${where} refused the sender or the recipients.${reply}`, extra)
  }
  if (e.responseCode !== undefined && e.responseCode >= 400 && e.responseCode < 500) {
    return new VirgilError('UNAVAILABLE', `The mail server ${where} deferred the message (${e.responseCode}); retry later.${reply}`, extra)
  }
  if (e.responseCode !== undefined && e.responseCode >= 500) {
    return new VirgilError('BAD_INPUT', `The mail server ${where} rejected the message (${e.responseCode}).${reply}`, extra)
  }
  return new VirgilError('INTERNAL', `Sending email through ${where} failed: ${e.message ?? String(error)}.`, extra)
}

export function createMailer(settings: MailerSettings): Mailer {
  if (!settings.host) throw new VirgilError('NOT_CONFIGURED', 'No SMTP server is set. Fill in Settings → Notify → SMTP host.', { service: SERVICE })
  const timeout = settings.timeoutMs ?? 15_000
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.user ? { auth: { user: settings.user, pass: settings.pass ?? '' } } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout
  })
  return {
    async sendMail(mail) {
      const to = mail.to.map((a) => a.trim()).filter(Boolean)
      if (to.length === 0) throw new VirgilError('BAD_INPUT', 'The email has no recipients. Add addresses in Settings → Notify.', { service: SERVICE })
      try {
        const info = await transport.sendMail({ from: settings.from, to, subject: mail.subject, text: mail.text })
        const asText = (list: unknown[] | undefined) => (list ?? []).map((a) => (typeof a === 'string' ? a : (a as { address: string }).address))
        return { messageId: info.messageId, accepted: asText(info.accepted), rejected: asText(info.rejected) }
      } catch (error) {
        throw mapMailError(error, settings)
      }
    },
    close: () => transport.close()
  }
}
