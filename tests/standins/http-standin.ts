import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** What a stand-in received, for tests to inspect. */
export interface StandinRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingMessage['headers']
  body: string
  at: number
}

export interface StandinReply {
  status: number
  headers?: Record<string, string>
  /** Objects are sent as JSON; strings as they are. */
  body?: unknown
}

export interface Fault {
  status: number
  headers?: Record<string, string>
  body?: unknown
  /** Only a request this accepts takes the fault; others pass by. */
  when?: RequestMatch
}

export type RequestMatch = (request: StandinRequest) => boolean

export interface HttpStandin {
  url: string
  /** Every request received, in order (faulted ones included). */
  requests: StandinRequest[]
  /** Answer the next request with this status instead of routing it. Queue several by calling again. */
  failNext(status: number, headers?: Record<string, string>, body?: unknown): void
  /** Like failNext, for the next request that `when` accepts. */
  failWhen(when: RequestMatch, status: number, headers?: Record<string, string>, body?: unknown): void
  /** Route the next request (that `when` accepts) normally, so its effect happens, but hold the answer for ms. */
  delayNextMs(ms: number, when?: RequestMatch): void
  /** Accept the next request and close the socket without answering. */
  dropNext(): void
  /** Stop listening: connections to the port are refused (ECONNREFUSED) until comeBack(). */
  goDown(): Promise<void>
  /** Listen again on the same port, state kept, as a restarted service does. */
  comeBack(): Promise<void>
  /** Hold every answer (the effect still happens) for ms, until hangAll(0): a service hanging past our timeouts. */
  hangAll(ms: number): void
  close(): Promise<void>
}

export interface StandinOptions {
  /** JSON content type of successful answers and errors. */
  contentType?: string
  /** The error body the real service sends for a status, used when failNext gets none. */
  errorBody?: (status: number) => unknown
}

type Route = (request: StandinRequest) => StandinReply | Promise<StandinReply>

/** A loopback HTTP server with fault injection; each service stand-in supplies the routing. */
export async function startHttpStandin(route: Route, options: StandinOptions = {}): Promise<HttpStandin> {
  const contentType = options.contentType ?? 'application/json'
  const requests: StandinRequest[] = []
  const faults: Fault[] = []
  const delays: { ms: number; when?: RequestMatch }[] = []
  let drops = 0
  let hangMs = 0
  const timers = new Set<NodeJS.Timeout>()

  const send = (res: ServerResponse, reply: StandinReply): void => {
    if (res.destroyed) return
    const isText = typeof reply.body === 'string'
    const payload = reply.body === undefined ? '' : isText ? (reply.body as string) : JSON.stringify(reply.body)
    const headers: Record<string, string> = { ...reply.headers }
    if (payload !== '' && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
      headers['content-type'] = isText ? 'text/plain; charset=utf-8' : `${contentType}; charset=utf-8`
    }
    res.writeHead(reply.status, headers)
    res.end(payload)
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const url = new URL(req.url ?? '/', 'http://standin')
    const request: StandinRequest = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname),
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      at: Date.now()
    }
    requests.push(request)
    if (drops > 0) {
      drops--
      res.socket?.destroy()
      return
    }
    const fault = takeFirst(faults, request)
    const reply = fault ? { status: fault.status, headers: fault.headers, body: fault.body ?? options.errorBody?.(fault.status) } : await route(request)
    const delay = takeFirst(delays, request)?.ms ?? hangMs
    if (delay <= 0) return send(res, reply)
    const timer = setTimeout(() => {
      timers.delete(timer)
      send(res, reply)
    }, delay)
    timers.add(timer)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, { status: 500, body: { error: { message: String(error) } } }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const stopListening = async (): Promise<void> => {
    for (const timer of timers) clearTimeout(timer)
    timers.clear()
    server.closeAllConnections()
    if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext: (status, headers, body) => void faults.push({ status, headers, body }),
    failWhen: (when, status, headers, body) => void faults.push({ status, headers, body, when }),
    delayNextMs: (ms, when) => void delays.push({ ms, when }),
    dropNext: () => void drops++,
    goDown: stopListening,
    comeBack: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
    hangAll: (ms) => void (hangMs = ms),
    close: stopListening
  }
}

function takeFirst<T extends { when?: RequestMatch }>(queue: T[], request: StandinRequest): T | undefined {
  const index = queue.findIndex((entry) => !entry.when || entry.when(request))
  return index < 0 ? undefined : queue.splice(index, 1)[0]
}

/** The Basic or Bearer credentials a request carried, if any. */
export function readAuthorization(headers: IncomingMessage['headers']): { user: string; password: string } | { token: string } | undefined {
  const header = headers.authorization
  if (!header) return undefined
  const [scheme, value = ''] = header.split(' ', 2)
  if (scheme?.toLowerCase() === 'bearer') return { token: value }
  if (scheme?.toLowerCase() !== 'basic') return undefined
  const decoded = Buffer.from(value, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}
