import type { MethodContext, MethodHandler } from './slack-methods'
import { bool, SlackApiError, str, type Params } from './slack-wire'
import type { StoredChannel, StoredMessage } from './slack-workspace'

/** Slack cursors are opaque base64; ours encode an offset. */
const encodeCursor = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64')
function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'))
  if (!match) throw new SlackApiError('invalid_cursor')
  return Number(match[1])
}

function limitOf(params: Params, fallback: number, max: number): number {
  const raw = str(params, 'limit')
  const limit = raw === undefined ? fallback : Number(raw)
  if (!Number.isInteger(limit) || limit < 0) throw new SlackApiError('invalid_limit')
  return limit === 0 ? fallback : Math.min(limit, max)
}

const tsNumber = (ts: string) => Number(ts)

function inRange(message: StoredMessage, params: Params): boolean {
  const oldest = Number(str(params, 'oldest') ?? '0')
  const latestRaw = str(params, 'latest')
  const latest = latestRaw === undefined ? Number.POSITIVE_INFINITY : Number(latestRaw)
  const inclusive = bool(params, 'inclusive')
  const ts = tsNumber(message.ts)
  return inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest
}

function page<T>(items: T[], params: Params, fallback: number, max: number) {
  const offset = decodeCursor(str(params, 'cursor'))
  const limit = limitOf(params, fallback, max)
  const slice = items.slice(offset, offset + limit)
  const hasMore = offset + limit < items.length
  return { slice, hasMore, next: hasMore ? encodeCursor(offset + limit) : '' }
}

function readable(ctx: MethodContext): StoredChannel {
  const channel = ctx.workspace.findChannel(str(ctx.params, 'channel'))
  if (!channel.members.has(ctx.workspace.bot.userId)) throw new SlackApiError('not_in_channel')
  return channel
}

export const readMethods: Record<string, MethodHandler> = {
  'conversations.list': ({ params, workspace: w }) => {
    const types = new Set((str(params, 'types') ?? 'public_channel').split(',').map((t) => t.trim()))
    const visible = [...w.channels.values()].filter(
      (c) =>
        (c.isPrivate ? types.has('private_channel') && c.members.has(w.bot.userId) : types.has('public_channel')) &&
        (!bool(params, 'exclude_archived') || !c.isArchived)
    )
    const { slice, next } = page(visible, params, 100, 1000)
    return { channels: slice.map(w.channelJson), response_metadata: { next_cursor: next } }
  },

  'conversations.history': (ctx) => {
    const { params, workspace: w } = ctx
    const channel = readable(ctx)
    const withMetadata = bool(params, 'include_all_metadata')
    const topLevel = channel.messages
      .filter((m) => !m.deleted && (!m.thread_ts || m.thread_ts === m.ts || m.subtype === 'thread_broadcast') && inRange(m, params))
      .reverse() // newest first, as Slack returns them
    const { slice, hasMore, next } = page(topLevel, params, 100, 999)
    return {
      messages: slice.map((m) => w.messageJson(m, withMetadata, channel)),
      has_more: hasMore,
      pin_count: 0,
      channel_actions_ts: null,
      channel_actions_count: 0,
      response_metadata: { next_cursor: next }
    }
  },

  'conversations.replies': (ctx) => {
    const { params, workspace: w } = ctx
    const channel = readable(ctx)
    const parentTs = str(params, 'ts')
    const parent = channel.messages.find((m) => m.ts === parentTs && !m.deleted)
    if (!parent) throw new SlackApiError('thread_not_found')
    const withMetadata = bool(params, 'include_all_metadata')
    const thread = channel.messages.filter((m) => !m.deleted && (m.ts === parentTs || m.thread_ts === parentTs) && inRange(m, params))
    const { slice, hasMore, next } = page(thread, params, 100, 1000)
    return { messages: slice.map((m) => w.messageJson(m, withMetadata, channel)), has_more: hasMore, response_metadata: { next_cursor: next } }
  }
}
