import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { slackId, type Workspace } from './slack-workspace'

interface PendingEnvelope {
  envelope: Record<string, unknown>
  attempt: number
  timer?: NodeJS.Timeout
}

export interface SocketStats {
  connections: number
  sent: number
  acked: number
  dropped: number
  /** Envelope ids sent and not yet acknowledged. */
  unacked: string[]
}

/**
 * Socket Mode as Slack runs it: apps.connections.open hands out a one-time ticket URL, the socket says
 * `hello`, then delivers `events_api` envelopes that must be acked with `{ envelope_id }` within the ack
 * timeout, else they are redelivered with retry_attempt + 1 (up to 3 times).
 */
export function createSocketHub(workspace: Workspace, options: { ackTimeoutMs: number }) {
  const wss = new WebSocketServer({ noServer: true })
  const tickets = new Set<string>()
  const open = new Set<WebSocket>()
  const pending = new Map<string, PendingEnvelope>()
  let sent = 0
  let acked = 0
  let dropped = 0
  let nextSocket = 0

  function issueTicket(): string {
    const ticket = randomUUID()
    tickets.add(ticket)
    return ticket
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const ticket = new URL(req.url ?? '/', 'http://standin.invalid').searchParams.get('ticket') ?? ''
    if (!tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      open.add(ws)
      ws.on('close', () => open.delete(ws))
      ws.on('error', () => open.delete(ws))
      ws.on('message', (data) => onClientMessage(data.toString()))
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: open.size,
          debug_info: { host: 'applink-standin', build_number: 1, approximate_connection_time: 18060 },
          connection_info: { app_id: workspace.bot.appId }
        })
      )
    })
  }

  function onClientMessage(text: string): void {
    let message: { envelope_id?: unknown }
    try {
      message = JSON.parse(text) as { envelope_id?: unknown }
    } catch {
      return
    }
    if (typeof message.envelope_id !== 'string') return
    const entry = pending.get(message.envelope_id)
    if (!entry) return
    clearTimeout(entry.timer)
    pending.delete(message.envelope_id)
    acked++
  }

  function send(entry: PendingEnvelope): void {
    const sockets = [...open].filter((ws) => ws.readyState === ws.OPEN)
    const target = sockets[nextSocket++ % Math.max(1, sockets.length)]
    const id = entry.envelope['envelope_id'] as string
    if (!target) {
      pending.delete(id)
      dropped++
      return
    }
    const retry = entry.attempt === 0 ? { retry_attempt: 0, retry_reason: '' } : { retry_attempt: entry.attempt, retry_reason: 'timeout' }
    target.send(JSON.stringify({ ...entry.envelope, ...retry }))
    sent++
    entry.timer = setTimeout(() => {
      if (!pending.has(id)) return
      if (entry.attempt >= 3) {
        pending.delete(id)
        dropped++
        return
      }
      entry.attempt++
      send(entry)
    }, options.ackTimeoutMs)
  }

  /** Wraps a Slack event in the Events API callback and an envelope, and sends it to one open socket. */
  function deliver(event: Record<string, unknown>): void {
    const envelopeId = randomUUID()
    const now = Date.now()
    const envelope = {
      envelope_id: envelopeId,
      payload: {
        token: 'standin-verification-token',
        team_id: workspace.team.id,
        api_app_id: workspace.bot.appId,
        event: { ...event, event_ts: event['event_ts'] ?? event['ts'] },
        type: 'event_callback',
        event_id: slackId('Ev'),
        event_time: Math.floor(now / 1000),
        authorizations: [{ enterprise_id: null, team_id: workspace.team.id, user_id: workspace.bot.userId, is_bot: true, is_enterprise_install: false }],
        is_ext_shared_channel: false
      },
      type: 'events_api',
      accepts_response_payload: false
    }
    const entry: PendingEnvelope = { envelope, attempt: 0 }
    pending.set(envelopeId, entry)
    send(entry)
  }

  /** Drops every connection without a close handshake, as a network failure would. */
  function dropAll(): void {
    for (const ws of open) ws.terminate()
    open.clear()
  }

  function stats(): SocketStats {
    return { connections: open.size, sent, acked, dropped, unacked: [...pending.keys()] }
  }

  async function close(): Promise<void> {
    for (const entry of pending.values()) clearTimeout(entry.timer)
    pending.clear()
    for (const ws of open) ws.close(1001, 'server shutting down')
    const closing = [...open].map((ws) => new Promise<void>((resolve) => ws.once('close', () => resolve())))
    const timer = setTimeout(() => dropAll(), 500)
    await Promise.all(closing)
    clearTimeout(timer)
    await new Promise<void>((resolve) => wss.close(() => resolve()))
  }

  return { issueTicket, handleUpgrade, deliver, dropAll, stats, close }
}

export type SocketHub = ReturnType<typeof createSocketHub>
