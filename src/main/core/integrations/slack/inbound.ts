import { SocketModeClient } from '@slack/socket-mode'
import type { VirgilError } from '../../../../shared/errors'
import {
  createSeenSet,
  dedupKey,
  normalizeHistoryMessage,
  normalizeMessageEvent,
  type InboundDelete,
  type InboundEdit,
  type InboundEvent,
  type InboundMessage,
  type SelfIdentity
} from './inbound-events'
import { createPoller, type PollSource } from './inbound-poller'
import { toVirgilError } from './slack-errors'
import { quietLogger, type SlackLogSink } from './slack-logger'
import { compareTs, slackTsFromMs } from './slack-message'

export type InboundStatus = 'connecting' | 'socket' | 'polling' | 'offline' | 'closed'

export interface InboundOptions extends SelfIdentity {
  /** App-level token (xapp-…) with connections:write; without it only polling runs. */
  appToken?: string
  slackApiUrl?: string
  /** The channels being mirrored right now; events elsewhere are ignored. */
  channelIds(): string[]
  onMessage(message: InboundMessage): void | Promise<void>
  onEdit(edit: InboundEdit): void | Promise<void>
  onDelete(deletion: InboundDelete): void | Promise<void>
  /** Fallback when Socket Mode is not configured or is down. */
  poll?: PollSource
  /** Newest ts already seen per channel (persisted): what was said while Virgil was closed is fetched once at start. */
  resumeFrom?: ReadonlyMap<string, string>
  onStatus?(status: InboundStatus): void
  onError?(error: VirgilError): void
  /** First reconnect delay; doubles per failure up to a minute. */
  reconnectDelayMs?: number
  timeoutMs?: number
  log?: SlackLogSink
}

export interface InboundHandle {
  close(): Promise<void>
  status(): InboundStatus
}

const MAX_RECONNECT_DELAY_MS = 60_000

export function startInbound(options: InboundOptions): InboundHandle {
  const self: SelfIdentity = { botUserId: options.botUserId, botId: options.botId }
  const seen = createSeenSet()
  const highWater = new Map<string, string>(options.resumeFrom ?? [])
  let caughtUp = false
  const timeoutMs = options.timeoutMs ?? 10_000
  let status: InboundStatus = 'connecting'
  let closing = false
  let failures = 0
  let reconnectTimer: NodeJS.Timeout | undefined
  let connecting: Promise<void> | undefined

  const setStatus = (next: InboundStatus) => {
    if (status === next) return
    status = next
    options.onStatus?.(next)
  }
  const report = (error: unknown, method: string, tokenKind: 'bot' | 'app') =>
    options.onError?.(toVirgilError(error, { method, tokenKind, timeoutMs }))

  async function dispatch(event: InboundEvent | null): Promise<void> {
    if (!event || !options.channelIds().includes(event.channel) || !seen.add(dedupKey(event))) return
    if (event.kind === 'message') {
      const known = highWater.get(event.channel)
      if (!known || compareTs(event.ts, known) > 0) highWater.set(event.channel, event.ts)
    }
    try {
      const { kind, ...payload } = event
      if (kind === 'message') await options.onMessage(payload as InboundMessage)
      else if (kind === 'edit') await options.onEdit(payload as InboundEdit)
      else await options.onDelete(payload as InboundDelete)
    } catch (error) {
      report(error, `inbound ${event.kind} handler`, 'bot')
    }
  }

  const poller = options.poll
    ? createPoller({
        source: options.poll,
        channelIds: options.channelIds,
        highWater,
        startTs: slackTsFromMs(Date.now()),
        onMessages: async (channel, messages) => {
          for (const message of messages) await dispatch(normalizeHistoryMessage(channel, message, self))
        },
        onError: (error) => report(error, 'conversations.history', 'bot')
      })
    : undefined

  const socket = options.appToken
    ? new SocketModeClient({
        appToken: options.appToken,
        autoReconnectEnabled: false, // we reconnect ourselves, polling meanwhile
        logger: quietLogger(options.log),
        clientOptions: {
          ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
          retryConfig: { retries: 0 },
          rejectRateLimitedCalls: true,
          timeout: timeoutMs
        }
      })
    : undefined

  socket?.on('slack_event', async (envelope: { ack: () => Promise<void>; type: string; body?: { event?: unknown } }) => {
    try {
      await envelope.ack() // Slack redelivers anything not acked within 3 s, so ack before work
    } catch {
      // the socket closed under us; Slack will redeliver and dedup drops the repeat
    }
    if (envelope.type === 'events_api') await dispatch(normalizeMessageEvent(envelope.body?.event, self))
  })
  socket?.on('disconnected', () => socketDown())

  function socketDown(): void {
    if (closing) return
    if (poller) {
      poller.start()
      setStatus('polling')
    } else {
      setStatus('offline')
    }
    scheduleReconnect()
  }

  function scheduleReconnect(): void {
    if (closing || reconnectTimer || !socket) return
    const delay = Math.min((options.reconnectDelayMs ?? 1000) * 2 ** failures, MAX_RECONNECT_DELAY_MS)
    failures++
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined
      connect()
    }, delay)
  }

  function connect(): void {
    if (!socket || closing || connecting) return
    setStatus('connecting')
    connecting = socket
      .start()
      .then(async () => {
        if (closing) return
        failures = 0
        setStatus('socket')
        if (poller?.isRunning()) {
          await poller.stop()
          await poller.pollOnce() // catch up on what was said while we were polling or down
        } else if (!caughtUp && options.resumeFrom?.size) {
          await poller?.pollOnce() // what was said while Virgil was closed
        }
        caughtUp = true
      })
      .catch((error: unknown) => {
        report(error, 'apps.connections.open', 'app')
        socketDown()
      })
      .finally(() => {
        connecting = undefined
      })
  }

  if (socket) connect()
  else socketDown()

  return {
    status: () => status,
    async close() {
      if (closing) return
      closing = true
      clearTimeout(reconnectTimer)
      if (connecting) await settleWithin(connecting, timeoutMs)
      await poller?.stop()
      if (socket) await socket.disconnect()
      setStatus('closed')
    }
  }
}

async function settleWithin(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))])
  clearTimeout(timer)
}
