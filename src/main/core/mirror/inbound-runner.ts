import { isVirgilError, type VirgilError } from '../../../shared/errors'
import { startInbound, type InboundHandle, type InboundStatus } from '../integrations/slack/inbound'
import type { StatusService } from '../status/status-service'
import type { GatewaySource } from './gateway-source'
import type { createInboundBridge } from './inbound-bridge'
import type { MirrorStore } from './store'
import { createLogger } from '../logger'

const logger = createLogger('slack.inbound')

export interface InboundTuning {
  /** conversations.history polling while Socket Mode is down or not configured. */
  pollMs?: number
  reconnectDelayMs?: number
  timeoutMs?: number
}

const MAX_RETRY_MS = 60_000

/**
 * Keeps one inbound connection (Socket Mode, polling as fallback) matching Settings: started when
 * Slack is on, restarted when a token or the URL changes, retried while Slack cannot be reached.
 */
export function createInboundRunner(args: {
  source: GatewaySource
  store: MirrorStore
  bridge: ReturnType<typeof createInboundBridge>
  status: StatusService
  tuning: InboundTuning
}) {
  const { source, store, bridge, tuning } = args
  let handle: InboundHandle | undefined
  let runningKey: string | undefined
  let retryTimer: NodeJS.Timeout | undefined
  let failures = 0
  let closed = false
  let work: Promise<void> = Promise.resolve()
  let lastReported = ''

  const report = (error: VirgilError) => {
    // Only what a human must fix goes to the status bar; blips are the outbox's to report.
    if (error.code !== 'UNAUTHORIZED' && error.code !== 'FORBIDDEN') return
    if (error.message === lastReported) return
    lastReported = error.message
    args.status.report('Slack', 'down', error.message)
  }

  async function apply(): Promise<void> {
    clearTimeout(retryTimer)
    retryTimer = undefined
    const config = closed ? undefined : source.config()
    const key = config ? JSON.stringify([config.token, config.appToken ?? '', config.apiUrl]) : undefined
    if (key === runningKey && (handle || !key)) return
    await handle?.close()
    handle = undefined
    runningKey = undefined
    if (!config || !key) return
    let identity
    try {
      identity = await source.identity()
    } catch (error) {
      if (isVirgilError(error)) report(error)
      const delay = Math.min(1000 * 2 ** failures++, MAX_RETRY_MS)
      if (!closed) retryTimer = setTimeout(() => reconcile(), delay)
      return
    }
    failures = 0
    lastReported = ''
    const gateway = source.gateway()
    runningKey = key
    handle = startInbound({
      botUserId: identity.userId,
      botId: identity.botId,
      slackApiUrl: config.apiUrl,
      ...(config.appToken ? { appToken: config.appToken } : {}),
      channelIds: () => store.liveChannelIds(),
      resumeFrom: store.lastSeenTs(),
      onMessage: bridge.onMessage,
      onEdit: bridge.onEdit,
      onDelete: bridge.onDelete,
      poll: { intervalMs: tuning.pollMs ?? 5_000, history: (channel, oldest) => gateway.history(channel, oldest) },
      onError: report,
      ...(tuning.reconnectDelayMs !== undefined ? { reconnectDelayMs: tuning.reconnectDelayMs } : {}),
      ...(tuning.timeoutMs !== undefined ? { timeoutMs: tuning.timeoutMs } : {}),
      log: (level, message) => logger.warn(`${level}: ${message}`)
    })
  }

  function reconcile(): Promise<void> {
    work = work.then(apply).catch((error: unknown) => logger.error('could not start', { error }))
    return work
  }

  return {
    reconcile,
    status: (): InboundStatus | 'off' => handle?.status() ?? 'off',
    async close(): Promise<void> {
      closed = true
      await reconcile()
      clearTimeout(retryTimer)
    }
  }
}
