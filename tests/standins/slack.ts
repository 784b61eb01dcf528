import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createSlackControls } from './slack-controls'
import { methods, requiredScope, type MethodContext } from './slack-methods'
import { readMethods } from './slack-reads'
import { createSocketHub } from './slack-socket'
import { createRateLimiter, parseParams, readBody, sendJson, SlackApiError, str, type Params, type RateLimit } from './slack-wire'
import { createWorkspace } from './slack-workspace'

export { SLACK_TIER_LIMITS, type RateLimit } from './slack-wire'
export type { SlackStandIn } from './slack-controls'

export const DEFAULT_BOT_SCOPES = [
  'chat:write',
  'chat:write.customize',
  'channels:manage',
  'channels:read',
  'channels:history',
  'groups:write',
  'groups:read',
  'groups:history',
  'users:read',
  'users:read.email',
  'files:write'
]

export interface SlackStandInOptions {
  botToken?: string
  appToken?: string
  scopes?: string[]
  /** Per-method limits; none by default so tests are deterministic. SLACK_TIER_LIMITS mimics Slack. */
  rateLimits?: Record<string, RateLimit>
  /** How long Socket Mode waits for an ack before redelivering an envelope (Slack: 3 s). */
  ackTimeoutMs?: number
}

export interface Fault {
  /** Only a call to this method trips the fault; any call when omitted. */
  method?: string
  /** Only a call naming this channel trips the fault. */
  channel?: string
  /** HTTP status to answer with (429 gets Retry-After unless `retryAfter` is null). */
  status?: number
  retryAfter?: number | null
  /** Answer HTTP 200 `{ ok: false, error }` with `extra` fields. */
  error?: string
  extra?: Record<string, unknown>
  /** Destroy the connection without answering. */
  drop?: boolean
  /** Wait this long before answering (or before applying the fault). */
  delayMs?: number
  /** Do the work, then cut the connection: the call took effect but its answer is lost. */
  loseAnswer?: boolean
  /** Let this many matching calls through untouched first. */
  after?: number
}

/** Shared mutable state the server and the controls both see. */
export interface StandInState {
  botToken: string
  appToken: string
  revoked: Set<'bot' | 'app'>
  scopes: Set<string>
  outage: false | '5xx' | 'drop'
  /** Answers of the Web API are held this long after the work is done (0: answer at once). */
  hangMs: number
  faults: Fault[]
  requests: { method: string; params: Params; tokenKind: 'bot' | 'app' | 'none' | 'unknown'; status: number; error?: string }[]
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Starts a loopback Slack: Web API at `${url}/api/<method>`, upload URLs, and Socket Mode. */
export async function startSlackStandIn(options: SlackStandInOptions = {}) {
  const workspace = createWorkspace()
  const hub = createSocketHub(workspace, { ackTimeoutMs: options.ackTimeoutMs ?? 3000 })
  const limiter = createRateLimiter(options.rateLimits ?? {})
  const state: StandInState = {
    botToken: options.botToken ?? 'xoxb-standin-bot-token',
    appToken: options.appToken ?? 'xapp-1-standin-app-token',
    revoked: new Set(),
    scopes: new Set(options.scopes ?? DEFAULT_BOT_SCOPES),
    outage: false,
    hangMs: 0,
    faults: [],
    requests: []
  }
  let baseUrl = ''

  function tokenKind(req: IncomingMessage, params: Params, isJson: boolean): StandInState['requests'][number]['tokenKind'] {
    const header = req.headers.authorization
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : isJson ? undefined : str(params, 'token')
    if (!token) return 'none'
    if (token === state.botToken) return 'bot'
    if (token === state.appToken) return 'app'
    return 'unknown'
  }

  function authorize(method: string, kind: StandInState['requests'][number]['tokenKind'], params: Params): void {
    if (kind === 'none') throw new SlackApiError('not_authed')
    if (kind === 'unknown') throw new SlackApiError('invalid_auth')
    if (state.revoked.has(kind)) throw new SlackApiError('token_revoked')
    const wantsApp = method === 'apps.connections.open'
    if (wantsApp !== (kind === 'app')) throw new SlackApiError('not_allowed_token_type')
    const needed = requiredScope(method, params, workspace)
    if (kind === 'bot' && needed && !state.scopes.has(needed)) {
      throw new SlackApiError('missing_scope', { needed, provided: [...state.scopes].join(',') })
    }
  }

  function takeFault(method: string, params: Params): Fault | undefined {
    const index = state.faults.findIndex((f) => (!f.method || f.method === method) && (!f.channel || f.channel === str(params, 'channel')))
    const fault = state.faults[index]
    if (!fault) return undefined
    if (fault.after && fault.after > 0) {
      fault.after--
      return undefined
    }
    state.faults.splice(index, 1)
    return fault
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string, query: URLSearchParams): Promise<void> {
    const body = await readBody(req)
    const { params, isJson } = await parseParams(req, body, query)
    const kind = tokenKind(req, params, isJson)
    const record = (status: number, error?: string) => state.requests.push({ method, params, tokenKind: kind, status, ...(error ? { error } : {}) })
    const fault = takeFault(method, params)
    if (fault?.delayMs) await sleep(fault.delayMs)
    if (fault?.drop) {
      record(0, 'dropped')
      req.socket.destroy()
      return
    }
    if (fault?.status) {
      const retryAfter: Record<string, string> = fault.status === 429 && fault.retryAfter !== null ? { 'retry-after': String(fault.retryAfter ?? 1) } : {}
      record(fault.status, fault.status === 429 ? 'ratelimited' : undefined)
      sendJson(res, fault.status, fault.status === 429 ? { ok: false, error: 'ratelimited' } : { ok: false, error: 'service_unavailable' }, retryAfter)
      return
    }
    const handler = methods[method] ?? readMethods[method]
    try {
      if (fault?.error) throw new SlackApiError(fault.error, fault.extra)
      if (!handler) throw new SlackApiError('unknown_method')
      authorize(method, kind, params)
      const retryAfter = limiter.take(method, str(params, 'channel') ?? str(params, 'channel_id'))
      if (retryAfter > 0) {
        record(429, 'ratelimited')
        sendJson(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) })
        return
      }
      const ctx: MethodContext = { params, workspace, hub, baseUrl }
      const result = handler(ctx)
      record(200)
      if (state.hangMs > 0) await sleep(state.hangMs)
      if (fault?.loseAnswer) {
        req.socket.destroy()
        return
      }
      const needed = requiredScope(method, params, workspace)
      sendJson(res, 200, { ok: true, ...result }, { 'x-oauth-scopes': [...state.scopes].join(','), 'x-accepted-oauth-scopes': needed ?? '' })
    } catch (error) {
      if (!(error instanceof SlackApiError)) throw error
      record(200, error.error)
      sendJson(res, 200, { ok: false, error: error.error, ...error.extra })
    }
  }

  async function handleUpload(req: IncomingMessage, res: ServerResponse, fileId: string): Promise<void> {
    const file = workspace.files.get(fileId)
    const body = await readBody(req)
    if (!file) {
      res.writeHead(404).end('Not Found')
      return
    }
    const type = req.headers['content-type'] ?? ''
    if (type.startsWith('multipart/form-data')) {
      const form = await new Request('http://standin.invalid/', { method: 'POST', headers: { 'content-type': type }, body }).formData()
      const part = form.get('file') ?? form.get('filename')
      file.content = part === null ? Buffer.alloc(0) : typeof part === 'string' ? Buffer.from(part) : Buffer.from(await part.arrayBuffer())
    } else {
      file.content = body
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${file.content.length}`)
  }

  const server = createServer((req, res) => {
    if (state.outage === 'drop') {
      req.socket.destroy()
      return
    }
    if (state.outage === '5xx') {
      res.writeHead(503, { 'content-type': 'text/html' }).end('<html><body>Slack is temporarily unavailable</body></html>')
      return
    }
    const url = new URL(req.url ?? '/', 'http://standin.invalid')
    const api = /^\/api\/([A-Za-z.]+)$/.exec(url.pathname)
    const upload = /^\/upload\/v1\/([A-Z0-9]+)$/.exec(url.pathname)
    const work = api?.[1]
      ? handleApi(req, res, api[1], url.searchParams)
      : upload?.[1] && req.method === 'POST'
        ? handleUpload(req, res, upload[1])
        : Promise.resolve(void res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found'))
    work.catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'fatal_error', detail: String(error) })
    })
  })
  server.on('upgrade', (req, socket, head) => {
    if (state.outage || !(req.url ?? '').startsWith('/link/')) {
      socket.destroy()
      return
    }
    hub.handleUpgrade(req, socket, head)
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return createSlackControls({ baseUrl, server, workspace, hub, limiter, state })
}
