import { createHmac, randomBytes } from 'node:crypto'
import { Agent, request, type IncomingHttpHeaders } from 'node:http'
import { connect } from 'node:net'

/**
 * A Splunk-style alert sender on loopback: posts what Splunk's webhook alert action posts
 * (search_name, sid, results_link, result, app, owner, server_host, server_uri) as
 * application/json with a Splunk user agent, plus the generic format, signed or not, and the
 * misbehaviours a receiver must survive (slow headers, slow bodies, oversized and broken bodies).
 * Plain Node: usable from tests, e2e and benches.
 */
export interface SplunkWebhookPayload {
  search_name: string
  sid: string
  results_link: string
  result: Record<string, string | string[]>
  app: string
  owner: string
  server_host: string
  server_uri: string
}

export interface SendOptions {
  /** Default /alerts/splunk/<token>. */
  path?: string
  method?: string
  basic?: { user: string; password: string }
  /** HMAC-SHA256 over `${timestamp}.${body}` in X-Virgil-Signature / X-Virgil-Timestamp. */
  sign?: { key: string; timestampSec?: number; signature?: string }
  headers?: Record<string, string>
  /** Send the headers, wait this long, then the body. */
  stallBodyMs?: number
}

export interface SenderReply {
  status: number
  headers: IncomingHttpHeaders
  body: Record<string, unknown> | string
  ms: number
}

export interface SplunkSender {
  /** What was sent, in order. */
  sent: { path: string; body: string; headers: Record<string, string> }[]
  splunk(payload: SplunkWebhookPayload, options?: SendOptions): Promise<SenderReply>
  generic(alert: Record<string, unknown>, options?: SendOptions): Promise<SenderReply>
  raw(body: string | Buffer, options?: SendOptions): Promise<SenderReply>
  /** Opens a connection, sends half the headers and waits: resolves with what the receiver answered ("" if it only hung up). */
  slowHeaders(path: string, waitMs: number): Promise<string>
  close(): Promise<void>
}

export function splunkPayload(overrides: Partial<SplunkWebhookPayload> & { result?: Record<string, string | string[]> } = {}): SplunkWebhookPayload {
  const sid = overrides.sid ?? `scheduler__admin__search__RMD5${randomBytes(8).toString('hex')}_at_${Math.floor(Date.now() / 1000)}_${randomBytes(2).readUInt16BE()}`
  return {
    search_name: 'Brute force against SSH',
    sid,
    results_link: `https://splunk.example.com:8000/app/search/search?q=%7Cloadjob%20${encodeURIComponent(sid)}`,
    result: { host: 'web-01', src: '203.0.113.7', user: 'root', count: '412', severity: 'high' },
    app: 'search',
    owner: 'admin',
    server_host: 'splunk-sh-01',
    server_uri: 'https://127.0.0.1:8089',
    ...overrides
  }
}

export function signBody(key: string, timestampSec: number, body: string | Buffer): string {
  return createHmac('sha256', key).update(`${timestampSec}.`).update(body).digest('hex')
}

export function createSplunkSender(receiverUrl: string, token: string): SplunkSender {
  const target = new URL(receiverUrl)
  const agent = new Agent({ keepAlive: true, maxSockets: 64 })
  const sent: SplunkSender['sent'] = []

  const post = (body: string | Buffer, options: SendOptions = {}): Promise<SenderReply> => {
    const path = options.path ?? `/alerts/splunk/${token}`
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Splunk/9.2.1', ...options.headers }
    if (options.basic) headers.authorization = `Basic ${Buffer.from(`${options.basic.user}:${options.basic.password}`).toString('base64')}`
    if (options.sign) {
      const ts = options.sign.timestampSec ?? Math.floor(Date.now() / 1000)
      headers['x-virgil-timestamp'] = String(ts)
      headers['x-virgil-signature'] = `sha256=${options.sign.signature ?? signBody(options.sign.key, ts, body)}`
    }
    sent.push({ path, body: body.toString(), headers })
    const started = performance.now()
    return new Promise((resolve, reject) => {
      const req = request(
        { host: target.hostname, port: target.port, path, method: options.method ?? 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8')
            let parsed: SenderReply['body'] = text
            try {
              parsed = JSON.parse(text) as Record<string, unknown>
            } catch {
              /* not JSON: keep the text */
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed, ms: performance.now() - started })
          })
        }
      )
      // A receiver may answer and hang up before the whole body is out (413, 401): that is its answer.
      req.on('error', (error) => reject(error))
      if (options.stallBodyMs) {
        req.flushHeaders()
        setTimeout(() => {
          if (!req.destroyed) req.end(body)
        }, options.stallBodyMs)
      } else req.end(body)
    })
  }

  return {
    sent,
    splunk: (payload, options) => post(JSON.stringify(payload), options),
    generic: (alert, options) => post(JSON.stringify(alert), { path: '/alerts/generic', ...options }),
    raw: post,
    slowHeaders: (path, waitMs) =>
      new Promise((resolve) => {
        const socket = connect(Number(target.port), target.hostname)
        let answer = ''
        const timer = setTimeout(() => socket.destroy(), waitMs)
        socket.on('connect', () => socket.write(`POST ${path} HTTP/1.1\r\nHost: ${target.host}\r\nContent-Type: application/json\r\n`))
        socket.on('data', (d: Buffer) => (answer += d.toString('utf8')))
        socket.on('error', () => undefined)
        socket.on('close', () => {
          clearTimeout(timer)
          resolve(answer)
        })
      }),
    close: async () => agent.destroy()
  }
}
