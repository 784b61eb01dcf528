import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

export interface ReceivedMail {
  from: string
  to: string[]
  /** Authenticated user, if the client logged in. */
  user?: string
  subject: string
  raw: string
}

export interface SmtpStandin {
  url: string
  host: string
  port: number
  messages: ReceivedMail[]
  /** When on, every login is answered 535 like a server with a changed password. */
  rejectAuth(on: boolean): void
  /** The next message's DATA is answered with this SMTP code and text (e.g. 451 or 552). */
  failNextData(code: number, text: string): void
  /** Stop listening (connections refused) until comeBack(), which listens on the same port again. */
  goDown(): Promise<void>
  comeBack(): Promise<void>
  /** Accept connections but send no greeting for ms (0 ends it): a server hanging past the client's timeout. */
  hangGreeting(ms: number): void
  close(): Promise<void>
}

function headerValue(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? ''
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ')
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
  return line ? line.slice(name.length + 1).trim() : ''
}

/** A loopback SMTP server (no TLS) that records what it receives; with `users`, it offers AUTH PLAIN/LOGIN. */
export async function startSmtpStandin(options: { users?: Record<string, string>; requireAuth?: boolean } = {}): Promise<SmtpStandin> {
  const messages: ReceivedMail[] = []
  const users = options.users ?? {}
  let authRejected = false
  let dataFailure: { code: number; text: string } | undefined
  let greetingDelayMs = 0
  const timers = new Set<NodeJS.Timeout>()

  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: !options.requireAuth,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onConnect(_session, callback) {
      if (greetingDelayMs <= 0) return callback()
      const timer = setTimeout(() => {
        timers.delete(timer)
        callback()
      }, greetingDelayMs)
      timers.add(timer)
    },
    onAuth(auth, _session, callback) {
      if (authRejected || users[auth.username ?? ''] === undefined || users[auth.username ?? ''] !== auth.password) {
        const err = Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 })
        return callback(err)
      }
      callback(null, { user: auth.username })
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        if (dataFailure) {
          const failure = dataFailure
          dataFailure = undefined
          return callback(Object.assign(new Error(failure.text), { responseCode: failure.code }))
        }
        const raw = Buffer.concat(chunks).toString('utf8')
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : ''
        messages.push({
          from,
          to: session.envelope.rcptTo.map((r) => r.address),
          ...(typeof session.user === 'string' ? { user: session.user } : {}),
          subject: headerValue(raw, 'Subject'),
          raw
        })
        callback()
      })
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    messages,
    rejectAuth: (on) => {
      authRejected = on
    },
    failNextData: (code, text) => {
      dataFailure = { code, text }
    },
    goDown: () => new Promise<void>((resolve) => (server.server.listening ? server.server.close(() => resolve()) : resolve())),
    comeBack: () => new Promise<void>((resolve) => server.server.listen(port, '127.0.0.1', () => resolve())),
    hangGreeting: (ms) => {
      greetingDelayMs = ms
    },
    close: () => {
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      return new Promise<void>((resolve) => (server.server.listening ? server.close(() => resolve()) : resolve()))
    }
  }
}
