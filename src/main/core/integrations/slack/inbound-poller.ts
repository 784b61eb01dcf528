import type { SlackMessage } from './slack-message'
import { compareTs } from './slack-message'

export interface PollSource {
  intervalMs: number
  /** Messages after `oldest` (exclusive), oldest first; the gateway's `history` fits. */
  history(channel: string, oldest: string): Promise<SlackMessage[]>
}

export interface Poller {
  start(): void
  /** Stops the timer; resolves when a pass in flight has finished. */
  stop(): Promise<void>
  /** One pass over every channel now (also used to catch up after the socket comes back). */
  pollOnce(): Promise<void>
  isRunning(): boolean
}

/**
 * Polls conversations.history for new messages while Socket Mode is unavailable. It sees new
 * messages only: edits and deletions reach us through Socket Mode alone.
 */
export function createPoller(args: {
  source: PollSource
  channelIds(): string[]
  /** Where each channel's reading resumes: the newest ts seen through any path. */
  highWater: Map<string, string>
  startTs: string
  onMessages(channel: string, messages: SlackMessage[]): Promise<void>
  onError(error: unknown): void
}): Poller {
  let timer: NodeJS.Timeout | undefined
  let inFlight: Promise<void> | undefined

  async function pass(): Promise<void> {
    let channels: string[]
    try {
      channels = args.channelIds()
    } catch (error) {
      args.onError(error)
      return
    }
    for (const channel of channels) {
      try {
        const oldest = args.highWater.get(channel) ?? args.startTs
        const messages = await args.source.history(channel, oldest)
        const newest = messages.reduce((max, m) => (compareTs(m.ts, max) > 0 ? m.ts : max), oldest)
        await args.onMessages(channel, messages)
        const known = args.highWater.get(channel)
        if (!known || compareTs(newest, known) > 0) args.highWater.set(channel, newest)
      } catch (error) {
        args.onError(error)
      }
    }
  }

  function pollOnce(): Promise<void> {
    inFlight ??= pass().finally(() => {
      inFlight = undefined
    })
    return inFlight
  }

  return {
    start() {
      if (timer) return
      timer = setInterval(() => void pollOnce(), args.source.intervalMs)
      void pollOnce()
    },
    async stop() {
      clearInterval(timer)
      timer = undefined
      await inFlight
    },
    pollOnce,
    isRunning: () => timer !== undefined
  }
}
