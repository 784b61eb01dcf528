import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { z } from 'zod'
import type { Alert } from './alert'
import { checkSignature, isValidToken, presentedToken, type AlertSourceKind } from './auth'
import { fromGeneric, fromSplunk, genericSchema, schemaProblem, splunkSchema } from './formats'
import type { AlertIntake } from './intake'
import { readBody } from './read-body'
import { createLogger } from '../logger'

const logger = createLogger('alerts')

export interface ReceiverConfig {
  host: string
  /** 0 picks a free port. */
  port: number
  maxBodyBytes?: number
  /** A sender that has not finished its headers by then gets 408. */
  headersTimeoutMs?: number
  /** A sender that has not finished its body by then gets 408. */
  bodyTimeoutMs?: number
}

export interface ReceiverDeps {
  secret(): string | undefined
  requireSignature(): boolean
  intake: AlertIntake
  now?: () => number
}

export interface Receiver {
  url: string
  close(): Promise<void>
}

const ROUTE = /^\/alerts\/(splunk|generic)(?:\/([^/]+))?\/?$/
const MAX_BODY = 256 * 1024

type Reply = { status: number; body: Record<string, unknown>; headers?: Record<string, string> }
const refuse = (status: number, code: string, message: string, headers?: Record<string, string>): Reply => ({
  status,
  body: { ok: false, error: { code, message } },
  ...(headers ? { headers } : {})
})

/** The SIEM webhook endpoint: POST /alerts/splunk/<token> and POST /alerts/generic. Refusals are fast and store nothing. */
export async function startReceiver(deps: ReceiverDeps, config: ReceiverConfig): Promise<Receiver> {
  const headersTimeout = config.headersTimeoutMs ?? 5_000
  const bodyTimeout = config.bodyTimeoutMs ?? 10_000
  const now = deps.now ?? Date.now

  const route = async (req: IncomingMessage): Promise<Reply> => {
    const match = ROUTE.exec(new URL(req.url ?? '/', 'http://receiver').pathname)
    if (!match) return refuse(404, 'NOT_FOUND', 'No alert endpoint here. POST to /alerts/splunk/<token> or /alerts/generic.')
    if (req.method !== 'POST') return refuse(405, 'BAD_INPUT', `Alerts are sent with POST, not ${req.method}.`, { allow: 'POST' })
    const kind = match[1] as AlertSourceKind
    const secret = deps.secret()
    if (!secret) return refuse(401, 'NOT_CONFIGURED', 'This Virgil has no alert token yet: set it in Settings → Alerts.')
    const token = presentedToken(match[2] ? safeDecode(match[2]) : undefined, req.headers)
    if (!token || !isValidToken(secret, kind, token)) {
      return refuse(401, 'UNAUTHORIZED', 'Wrong or missing alert token (in the URL path, as a Bearer token, or as the Basic auth password).', { 'www-authenticate': 'Basic realm="Virgil alerts"' })
    }
    const body = await readBodyOrRefuse(req)
    if ('status' in body) return body
    const signed = checkSignature(req.headers, body.raw, token, now(), deps.requireSignature())
    if (!signed.ok) return refuse(401, 'UNAUTHORIZED', signed.message)
    let json: unknown
    try {
      json = JSON.parse(body.raw.toString('utf8'))
    } catch {
      return refuse(400, 'BAD_INPUT', 'The body is not valid JSON.')
    }
    const alert = kind === 'splunk' ? parseWith(splunkSchema, json, fromSplunk) : parseWith(genericSchema, json, fromGeneric)
    if ('status' in alert) return alert
    const result = deps.intake.ingest(alert, signed.signature)
    switch (result.outcome) {
      case 'replayed':
        return refuse(409, 'CONFLICT', 'This signature was already used: a replayed request. Sign every delivery afresh.')
      case 'duplicate':
        return { status: 200, body: { ok: true, duplicate: true, alertId: result.alertId, incidentId: result.incidentId } }
      case 'opened':
        return { status: 202, body: { ok: true, duplicate: false, alertId: result.alertId, incidentId: result.incidentId, number: result.number } }
      default:
        return { status: 202, body: { ok: true, duplicate: false, alertId: result.alertId, ...('incidentId' in result ? { incidentId: result.incidentId } : {}) } }
    }
  }

  const readBodyOrRefuse = async (req: IncomingMessage): Promise<{ raw: Buffer } | Reply> => {
    const body = await readBody(req, config.maxBodyBytes ?? MAX_BODY, bodyTimeout)
    if (body.ok) return { raw: body.raw }
    return body.status === 413
      ? refuse(413, 'BAD_INPUT', `The body is larger than ${Math.round((config.maxBodyBytes ?? MAX_BODY) / 1024)} KB.`)
      : refuse(408, 'TIMEOUT', 'The body did not arrive in time.')
  }

  const server = createServer(
    { headersTimeout, requestTimeout: headersTimeout + bodyTimeout, connectionsCheckingInterval: Math.max(50, Math.min(1_000, headersTimeout / 4)) },
    (req, res) => {
      void route(req)
        .catch((error: unknown) => {
          logger.error('intake failed', { error })
          return refuse(500, 'INTERNAL', 'Virgil could not store this alert; it was not accepted. Retry later.')
        })
        .then((reply) => send(req, res, reply))
    }
  )
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const host = config.host.includes(':') ? `[${config.host}]` : config.host
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

function parseWith<S extends z.ZodType>(schema: S, json: unknown, convert: (v: z.infer<S>) => Alert): Alert | Reply {
  const parsed = schema.safeParse(json)
  if (!parsed.success) return refuse(422, 'BAD_INPUT', `The alert does not fit the format: ${schemaProblem(parsed.error)}.`)
  return convert(parsed.data)
}

function send(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return
  const payload = JSON.stringify(reply.body)
  const headers: Record<string, string | number> = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
    ...reply.headers
  }
  // A refused sender may still be writing: answer, then hang up instead of reading what it sends.
  if (reply.status >= 400 && !req.complete) headers.connection = 'close'
  res.writeHead(reply.status, headers)
  res.end(payload)
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}
