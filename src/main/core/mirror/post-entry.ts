import { VirgilError } from '../../../shared/errors'
import type { RenderedForSlack } from '../integrations/slack/blocks'
import { deliverRendered, type DeliverResult } from '../integrations/slack/deliver'
import type { SlackPost } from '../integrations/slack/gateway'
import { slackTsFromMs } from '../integrations/slack/slack-message'
import type { OutboxItem } from '../outbox/outbox-worker'
import type { GatewaySource } from './gateway-source'
import type { MirrorStore, SlackRoom } from './store'

/** Slack's clock and ours may disagree; a retry looks this far before its first try for parts that landed. */
const CLOCK_SKEW_MS = 120_000

export interface EntryDeps {
  store: MirrorStore
  source: GatewaySource
}

export interface Entry {
  channel: string
  incidentId: string
  rendered: RenderedForSlack
  threadTs?: string
  asUser?: SlackPost['asUser']
  /** The Virgil message these posts show, so edits and threads find them. */
  messageId?: string
  runId?: string
}

/**
 * Posts one room entry under the outbox item's key. A retry (even after a crash) first looks for the
 * parts that already landed, so Slack never shows an entry twice.
 */
export async function postEntry(deps: EntryDeps, item: OutboxItem, entry: Entry): Promise<DeliverResult> {
  const gateway = deps.source.gateway()
  const tried = deps.store.firstTry(item.key, Date.now())
  const result = await deliverRendered(gateway, {
    channel: entry.channel,
    rendered: entry.rendered,
    idempotencyKey: item.key,
    ...(entry.threadTs ? { threadTs: entry.threadTs } : {}),
    ...(entry.asUser ? { asUser: entry.asUser } : {}),
    ...(tried.first ? {} : { retrySinceTs: slackTsFromMs(tried.at - CLOCK_SKEW_MS) })
  })
  for (const ts of result.ts) {
    deps.store.claim({
      channelId: entry.channel,
      ts,
      incidentId: entry.incidentId,
      direction: 'out',
      ...(entry.messageId ? { messageId: entry.messageId } : {}),
      ...(entry.runId ? { runId: entry.runId } : {})
    })
  }
  return result
}

/** The incident's linked channel; parks the item while the channel's creation is itself on hold. */
export function linkedRoom(store: MirrorStore, item: OutboxItem): SlackRoom & { channelId: string } {
  const room = item.incidentId ? store.room(item.incidentId) : undefined
  if (!room?.channelId) {
    throw new VirgilError(
      'NOT_CONFIGURED',
      'The Slack channel of this incident does not exist yet (creating it is on hold), so this waits for it. Fix the Slack problem shown above in Settings → Slack.',
      { service: 'Slack' }
    )
  }
  return { ...room, channelId: room.channelId }
}

export const skipped = (reason: string) => ({ outcome: { skipped: reason } })
