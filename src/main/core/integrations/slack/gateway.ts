import { WebAPIPlatformError, WebClient } from '@slack/web-api'
import { z } from 'zod'
import { VirgilError } from '../../../../shared/errors'
import type { SlackBlock } from './blocks'
import { nextCollisionName } from './channel-name'
import { toVirgilError } from './slack-errors'
import { quietLogger, type SlackLogSink } from './slack-logger'
import { compareTs, historyPageSchema, VIRGIL_EVENT_TYPE, virgilKeyOf, type SlackMessage } from './slack-message'

export interface SlackGatewayOptions {
  token: string
  /** Kept with the gateway's config so inbound can be started from the same settings. */
  appToken?: string
  /** Defaults to https://slack.com/api/; tests point it at the loopback stand-in. */
  slackApiUrl?: string
  timeoutMs: number
  /** Wait suggested when Slack answers 429 without a Retry-After header. */
  defaultRetryAfterMs?: number
  log?: SlackLogSink
}

export interface SlackIdentity {
  userId: string
  botId: string
  teamId: string
  team: string
  url: string
}

export interface SlackChannel {
  id: string
  name: string
  /** False when an existing channel created by this app was reused. */
  created: boolean
}

export interface SlackPost {
  channel: string
  text: string
  blocks?: SlackBlock[]
  threadTs?: string
  /** Post under the analyst's name (needs the chat:write.customize scope). */
  asUser?: { name: string; iconUrl?: string }
  /** Stamped in the message metadata so a retry can tell whether this post already landed. */
  idempotencyKey: string
}

const authSchema = z.object({ user_id: z.string(), bot_id: z.string().optional(), team_id: z.string(), team: z.string(), url: z.string() })
const channelSchema = z.object({ id: z.string(), name: z.string(), creator: z.string().optional(), is_archived: z.boolean().optional() })
const channelResultSchema = z.object({ channel: channelSchema })
const listSchema = z.object({ channels: z.array(channelSchema), response_metadata: z.object({ next_cursor: z.string().optional() }).optional() })
const postSchema = z.object({ channel: z.string(), ts: z.string() })
const userSchema = z.object({ user: z.object({ id: z.string(), name: z.string().optional(), real_name: z.string().optional() }) })
const uploadUrlSchema = z.object({ upload_url: z.string(), file_id: z.string() })

const MAX_NAME_ATTEMPTS = 10
const MAX_PAGES = 20

export type SlackGateway = ReturnType<typeof createSlackGateway>

export function createSlackGateway(options: SlackGatewayOptions) {
  const client = new WebClient(options.token, {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    timeout: options.timeoutMs,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 }, // the outbox owns retries, backoff and idempotency
    logger: quietLogger(options.log)
  })
  let identity: SlackIdentity | undefined
  const retryDefault = options.defaultRetryAfterMs !== undefined ? { defaultRetryAfterMs: options.defaultRetryAfterMs } : {}

  async function call<T>(method: string, args: Record<string, unknown>, schema: z.ZodType<T>): Promise<T>
  async function call<T>(method: string, args: Record<string, unknown>, schema: z.ZodType<T>, tolerate: string[]): Promise<T | undefined>
  /** Calls a method; Slack error codes listed in `tolerate` resolve to undefined instead of throwing. */
  async function call<T>(method: string, args: Record<string, unknown>, schema: z.ZodType<T>, tolerate: string[] = []): Promise<T | undefined> {
    let result: unknown
    try {
      result = await client.apiCall(method, args)
    } catch (error) {
      if (error instanceof WebAPIPlatformError && tolerate.includes(error.data.error)) return undefined
      throw toVirgilError(error, { method, tokenKind: 'bot', timeoutMs: options.timeoutMs, ...retryDefault })
    }
    const parsed = schema.safeParse(result)
    if (!parsed.success) throw new VirgilError('INTERNAL', `Slack answered ${method} in an unexpected shape: ${parsed.error.issues[0]?.message ?? 'unknown'}.`, { service: 'Slack' })
    return parsed.data
  }

  async function authTest(): Promise<SlackIdentity> {
    const auth = await call('auth.test', {}, authSchema)
    identity = { userId: auth.user_id, botId: auth.bot_id ?? '', teamId: auth.team_id, team: auth.team, url: auth.url }
    return identity
  }

  async function findChannelByName(name: string): Promise<z.infer<typeof channelSchema> | undefined> {
    let cursor: string | undefined
    for (let page = 0; page < MAX_PAGES; page++) {
      const list = await call(
        'conversations.list',
        { types: 'public_channel,private_channel', exclude_archived: false, limit: 1000, ...(cursor ? { cursor } : {}) },
        listSchema
      )
      const found = list.channels.find((channel) => channel.name === name)
      if (found) return found
      cursor = list.response_metadata?.next_cursor
      if (!cursor) return undefined
    }
    return undefined
  }

  /** Creates the channel; on a name clash reuses it when this app created it, else tries `name-2`, `name-3`, ... */
  async function ensureChannel(name: string, opts: { isPrivate?: boolean } = {}): Promise<SlackChannel> {
    const me = identity ?? (await authTest())
    for (let attempt = 0; attempt < MAX_NAME_ATTEMPTS; attempt++) {
      const candidate = attempt === 0 ? name : nextCollisionName(name, attempt)
      const created = await call('conversations.create', { name: candidate, is_private: opts.isPrivate ?? false }, channelResultSchema, ['name_taken'])
      if (created) return { id: created.channel.id, name: created.channel.name, created: true }
      const existing = await findChannelByName(candidate)
      if (existing && existing.creator === me.userId) {
        if (existing.is_archived) await unarchive(existing.id)
        return { id: existing.id, name: existing.name, created: false }
      }
    }
    throw new VirgilError('CONFLICT', `Slack channel names ${name} through ${nextCollisionName(name, MAX_NAME_ATTEMPTS - 1)} are all taken by others. Rename the incident or free a name in Slack.`, {
      service: 'Slack'
    })
  }

  async function setTopicAndPurpose(channel: string, text: { topic?: string; purpose?: string }): Promise<void> {
    const clip = (value: string) => (value.length > 250 ? `${value.slice(0, 249)}…` : value)
    if (text.topic !== undefined) await call('conversations.setTopic', { channel, topic: clip(text.topic) }, z.unknown())
    if (text.purpose !== undefined) await call('conversations.setPurpose', { channel, purpose: clip(text.purpose) }, z.unknown())
  }

  async function invite(channel: string, userIds: string[]): Promise<void> {
    const others = userIds.filter((id) => id !== identity?.userId)
    if (others.length === 0) return
    await call('conversations.invite', { channel, users: others.join(','), force: true }, z.unknown(), ['already_in_channel', 'cant_invite_self'])
  }

  async function lookupUserByEmail(email: string): Promise<{ id: string; name: string } | null> {
    const found = await call('users.lookupByEmail', { email }, userSchema, ['users_not_found'])
    return found ? { id: found.user.id, name: found.user.real_name ?? found.user.name ?? found.user.id } : null
  }

  async function post(message: SlackPost): Promise<{ channel: string; ts: string }> {
    return call(
      'chat.postMessage',
      {
        channel: message.channel,
        text: message.text,
        ...(message.blocks ? { blocks: message.blocks } : {}),
        ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
        ...(message.asUser ? { username: message.asUser.name, ...(message.asUser.iconUrl ? { icon_url: message.asUser.iconUrl } : {}) } : {}),
        metadata: { event_type: VIRGIL_EVENT_TYPE, event_payload: { key: message.idempotencyKey } },
        unfurl_links: false,
        unfurl_media: false
      },
      postSchema
    )
  }

  async function update(message: { channel: string; ts: string; text: string; blocks?: SlackBlock[] }): Promise<void> {
    await call('chat.update', { channel: message.channel, ts: message.ts, text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}) }, z.unknown())
  }

  async function archive(channel: string): Promise<void> {
    await call('conversations.archive', { channel }, z.unknown(), ['already_archived'])
  }

  async function unarchive(channel: string): Promise<void> {
    await call('conversations.unarchive', { channel }, z.unknown(), ['not_archived'])
  }

  /** Messages after `oldest` (exclusive), oldest first; thread replies when `threadTs` is given. */
  async function history(channel: string, oldest: string, threadTs?: string): Promise<SlackMessage[]> {
    const messages: SlackMessage[] = []
    let cursor: string | undefined
    for (let page = 0; page < MAX_PAGES; page++) {
      const method = threadTs ? 'conversations.replies' : 'conversations.history'
      const args = { channel, oldest, limit: 200, include_all_metadata: true, ...(threadTs ? { ts: threadTs } : {}), ...(cursor ? { cursor } : {}) }
      const result = await call(method, args, historyPageSchema)
      messages.push(...result.messages.filter((message) => message.ts !== oldest))
      cursor = result.response_metadata?.next_cursor
      if (!result.has_more || !cursor) break
    }
    return messages.sort((a, b) => compareTs(a.ts, b.ts))
  }

  /** The ts of the message stamped with `key` since `sinceTs`, or null: tells a retry whether its post landed. */
  async function findPostedByKey(channel: string, key: string, sinceTs: string, threadTs?: string): Promise<string | null> {
    const found = (await history(channel, sinceTs, threadTs)).find((message) => virgilKeyOf(message) === key)
    return found?.ts ?? null
  }

  /** Uploads text as a file shared to the channel: getUploadURLExternal, POST the bytes, completeUploadExternal. */
  async function uploadText(file: { channel: string; filename: string; title: string; content: string; threadTs?: string }): Promise<{ fileId: string }> {
    const { content, ...rest } = file
    return uploadBytes({ ...rest, bytes: Buffer.from(content, 'utf8') })
  }

  /** Uploads bytes (an evidence file) shared to the channel, as Slack's external upload flow does. */
  async function uploadBytes(file: { channel: string; filename: string; title: string; bytes: Uint8Array; initialComment?: string; threadTs?: string }): Promise<{ fileId: string }> {
    const { bytes } = file
    const target = await call('files.getUploadURLExternal', { filename: file.filename, length: bytes.length }, uploadUrlSchema)
    let response: Response
    try {
      response = await fetch(target.upload_url, { method: 'POST', body: new Blob([new Uint8Array(bytes)]), signal: AbortSignal.timeout(options.timeoutMs) })
    } catch (error) {
      throw toVirgilError(error, { method: 'file upload', timeoutMs: options.timeoutMs })
    }
    if (!response.ok) throw new VirgilError('UNAVAILABLE', `Slack refused the file upload of ${file.filename} (HTTP ${response.status}). It will be retried.`, { service: 'Slack' })
    await call(
      'files.completeUploadExternal',
      {
        files: [{ id: target.file_id, title: file.title }],
        channel_id: file.channel,
        ...(file.initialComment ? { initial_comment: file.initialComment } : {}),
        ...(file.threadTs ? { thread_ts: file.threadTs } : {})
      },
      z.unknown()
    )
    return { fileId: target.file_id }
  }

  return { authTest, ensureChannel, setTopicAndPurpose, invite, lookupUserByEmail, post, update, archive, unarchive, history, findPostedByKey, uploadText, uploadBytes }
}
