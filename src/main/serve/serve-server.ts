import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { timingSafeEqual, randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { WS_PATH, type ServerFrame } from '../../shared/wire'
import { CSP } from '../../shared/csp'
import { MAX_FRAME_BYTES } from '../../shared/limits'
import type { TransportPort } from '../core/transport'
import { createLogger } from '../core/logger'
import { attachFrameHandler } from './frame-handler'
import { readStatic } from './static-files'

export { CSP }
const log = createLogger('serve')

const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-store'
}

export interface ServeHandle {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

/**
 * Serve mode: the built renderer over HTTP and the contract over one WebSocket, on loopback only,
 * behind a random token. The same dispatcher the desktop's IPC calls.
 */
export async function startServe(core: TransportPort, opts: { port?: number; host?: string; rendererDir: string; token?: string }): Promise<ServeHandle> {
  const token = opts.token ?? randomBytes(24).toString('base64url')
  const host = opts.host ?? '127.0.0.1'
  let port = 0
  // Only loopback names: a page whose DNS name was re-bound to 127.0.0.1 is refused (DNS rebinding).
  const isOurHost = (hostHeader: string | undefined): boolean =>
    hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}` || hostHeader === `[::1]:${port}`
  const server: Server = createServer((req, res) => {
    if (!isOurHost(req.headers.host)) {
      res.writeHead(421, { 'Content-Type': 'text/plain', ...SECURITY_HEADERS }).end('Virgil answers on 127.0.0.1 only.')
      return
    }
    // Lets the page tell "token refused" from "server down" (a browser WebSocket hides the 401).
    if (req.url === '/api/session-check') {
      const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null
      res.writeHead(tokenMatches(given, token) ? 204 : 401, SECURITY_HEADERS).end()
      return
    }
    serveHttp(req, res, opts.rendererDir).catch((err: unknown) => {
      log.error('a page request failed', { url: req.url, error: err })
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain', ...SECURITY_HEADERS })
      res.end('Virgil could not read this file.')
    })
  })
  // Every transport fault has an error path: a broken client socket is logged, never fatal.
  server.on('clientError', (err: Error & { code?: string }, socket) => {
    log.debug('a client connection failed', { code: err.code })
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
    else socket.destroy()
  })
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES })
  wss.on('error', (err) => log.error('the WebSocket server failed', { error: err }))
  const sockets = new Set<WebSocket>()

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', (err: Error & { code?: string }) => log.debug('an upgrading socket failed', { code: err.code }))
    const url = new URL(req.url ?? '/', 'http://localhost')
    const hostHeader = req.headers.host ?? ''
    const origin = req.headers.origin
    const sameOrigin = !origin || origin === `http://${hostHeader}`
    if (url.pathname !== WS_PATH || !isOurHost(hostHeader) || !sameOrigin || !tokenMatches(url.searchParams.get('token'), token)) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n')
      socket.destroy()
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws))
  })

  const unsubscribe = core.bus.subscribe((event, payload) => {
    const frame = JSON.stringify({ t: 'evt', event, payload } satisfies ServerFrame)
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(frame, () => undefined)
  })

  wss.on('connection', (ws) => {
    sockets.add(ws)
    ws.on('close', () => sockets.delete(ws))
    attachFrameHandler(ws, core, log)
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject)
      server.on('error', (err) => log.error('the page server failed', { error: err }))
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port
  return {
    url: `http://${host}:${port}/?token=${token}`,
    port,
    token,
    async close() {
      unsubscribe()
      for (const ws of sockets) ws.terminate()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

function tokenMatches(given: string | null, expected: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

async function serveHttp(req: IncomingMessage, res: ServerResponse, root: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', ...SECURITY_HEADERS }).end()
    return
  }
  const file = await readStatic(root, req.url ?? '/')
  if (!file) {
    res.writeHead(404, { 'Content-Type': 'text/plain', ...SECURITY_HEADERS }).end('Not found')
    return
  }
  res.writeHead(200, { 'Content-Type': file.type, ...SECURITY_HEADERS })
  res.end(req.method === 'HEAD' ? undefined : file.body)
}
