import type { SocketHub } from './slack-socket'
import { bool, json, SlackApiError, str, type Params } from './slack-wire'
import { slackId, type StoredChannel, type StoredMessage, type Workspace } from './slack-workspace'
import { validateBlocks } from './slack-blocks-rules'

export interface MethodContext {
  params: Params
  workspace: Workspace
  hub: SocketHub
  /** Base URL of the stand-in, for upload URLs and socket URLs. */
  baseUrl: string
}

export type MethodHandler = (ctx: MethodContext) => Record<string, unknown>

const write = (c: StoredChannel) => (c.isPrivate ? 'groups:write' : 'channels:manage')
const read = (c: StoredChannel) => (c.isPrivate ? 'groups:read' : 'channels:read')
const historyScope = (c: StoredChannel) => (c.isPrivate ? 'groups:history' : 'channels:history')

/** The scope a call needs, given its arguments; undefined when none. */
export function requiredScope(method: string, params: Params, workspace: Workspace): string | undefined {
  const channel = () => {
    try {
      return workspace.findChannel(str(params, 'channel') ?? str(params, 'channel_id'))
    } catch {
      return undefined
    }
  }
  const byChannel = (scope: (c: StoredChannel) => string, fallback: string) => {
    const c = channel()
    return c ? scope(c) : fallback
  }
  switch (method) {
    case 'conversations.create':
      return bool(params, 'is_private') ? 'groups:write' : 'channels:manage'
    case 'conversations.setTopic':
    case 'conversations.setPurpose':
    case 'conversations.invite':
    case 'conversations.archive':
    case 'conversations.unarchive':
      return byChannel(write, 'channels:manage')
    case 'conversations.history':
    case 'conversations.replies':
      return byChannel(historyScope, 'channels:history')
    case 'conversations.info':
      return byChannel(read, 'channels:read')
    case 'conversations.list':
      return 'channels:read'
    case 'chat.postMessage':
      return params['username'] !== undefined || params['icon_url'] !== undefined || params['icon_emoji'] !== undefined ? 'chat:write.customize' : 'chat:write'
    case 'chat.update':
      return 'chat:write'
    case 'users.lookupByEmail':
      return 'users:read.email'
    case 'files.getUploadURLExternal':
    case 'files.completeUploadExternal':
      return 'files:write'
    case 'apps.connections.open':
      return 'connections:write'
    default:
      return undefined
  }
}

const CHANNEL_NAME = /^[a-z0-9_-]+$/

function validateChannelName(name: string | undefined): string {
  if (!name) throw new SlackApiError('invalid_name_required')
  if (name.length > 80) throw new SlackApiError('invalid_name_maxlength')
  if (!CHANNEL_NAME.test(name)) throw new SlackApiError('invalid_name_specials')
  if (!/[a-z0-9]/.test(name)) throw new SlackApiError('invalid_name_punctuation')
  return name
}

function postable(ctx: MethodContext, channelId: string | undefined): StoredChannel {
  const channel = ctx.workspace.findChannel(channelId)
  if (channel.isArchived) throw new SlackApiError('is_archived')
  if (!channel.members.has(ctx.workspace.bot.userId)) throw new SlackApiError('not_in_channel')
  return channel
}

/** Appends a message and tells Socket Mode subscribers, as Slack does for message.channels. */
export function addMessage(ctx: Pick<MethodContext, 'workspace' | 'hub'>, channel: StoredChannel, message: StoredMessage): StoredMessage {
  channel.messages.push(message)
  ctx.hub.deliver({ ...ctx.workspace.messageJson(message, true), channel: channel.id, channel_type: channel.isPrivate ? 'group' : 'channel' })
  return message
}

function systemMessage(ctx: MethodContext, channel: StoredChannel, subtype: string, text: string, extra: Record<string, unknown> = {}): void {
  addMessage(ctx, channel, { type: 'message', subtype, user: ctx.workspace.bot.userId, text, ts: ctx.workspace.nextTs(), ...extra })
}

function parseMetadata(params: Params): StoredMessage['metadata'] {
  const raw = json(params, 'metadata', 'invalid_metadata_format')
  if (raw === undefined) return undefined
  const value = raw as { event_type?: unknown; event_payload?: unknown }
  if (typeof value.event_type !== 'string' || typeof value.event_payload !== 'object' || value.event_payload === null) {
    throw new SlackApiError('invalid_metadata_format')
  }
  return { event_type: value.event_type, event_payload: value.event_payload as Record<string, unknown> }
}

function messageContent(params: Params): { text: string; blocks?: unknown[] } {
  const text = str(params, 'text') ?? ''
  const blocks = json(params, 'blocks', 'invalid_blocks')
  if (blocks !== undefined) validateBlocks(blocks)
  if (text === '' && (!Array.isArray(blocks) || blocks.length === 0)) throw new SlackApiError('no_text')
  if (text.length > 40_000) throw new SlackApiError('msg_too_long')
  return Array.isArray(blocks) ? { text, blocks } : { text }
}

export const methods: Record<string, MethodHandler> = {
  'auth.test': ({ workspace: w }) => ({
    url: `https://${w.team.domain}.slack.com/`,
    team: w.team.name,
    user: w.bot.name,
    team_id: w.team.id,
    user_id: w.bot.userId,
    bot_id: w.bot.botId,
    is_enterprise_install: false
  }),

  'conversations.create': ({ params, workspace: w }) => {
    const name = validateChannelName(str(params, 'name'))
    if ([...w.channels.values()].some((c) => c.name === name)) throw new SlackApiError('name_taken')
    return { channel: w.channelJson(w.addChannel(name, w.bot.userId, bool(params, 'is_private'))) }
  },

  'conversations.setTopic': (ctx) => {
    const channel = postable(ctx, str(ctx.params, 'channel'))
    const topic = str(ctx.params, 'topic') ?? ''
    if (topic.length > 250) throw new SlackApiError('too_long')
    channel.topic = topic
    systemMessage(ctx, channel, 'channel_topic', `set the channel topic: ${topic}`, { topic })
    return { channel: ctx.workspace.channelJson(channel) }
  },

  'conversations.setPurpose': (ctx) => {
    const channel = postable(ctx, str(ctx.params, 'channel'))
    const purpose = str(ctx.params, 'purpose') ?? ''
    if (purpose.length > 250) throw new SlackApiError('too_long')
    channel.purpose = purpose
    systemMessage(ctx, channel, 'channel_purpose', `set the channel description: ${purpose}`, { purpose })
    return { channel: ctx.workspace.channelJson(channel) }
  },

  'conversations.invite': (ctx) => {
    const { params, workspace: w } = ctx
    const channel = postable(ctx, str(params, 'channel'))
    const ids = (str(params, 'users') ?? '').split(',').map((id) => id.trim()).filter(Boolean)
    if (ids.length === 0) throw new SlackApiError('no_user')
    const errors: { user: string; ok: false; error: string }[] = []
    for (const id of ids) {
      if (id === w.bot.userId) errors.push({ user: id, ok: false, error: 'cant_invite_self' })
      else if (!w.users.has(id)) errors.push({ user: id, ok: false, error: 'user_not_found' })
      else if (channel.members.has(id)) errors.push({ user: id, ok: false, error: 'already_in_channel' })
    }
    const fresh = ids.filter((id) => !errors.some((e) => e.user === id))
    if (errors.length > 0 && (!bool(params, 'force') || fresh.length === 0)) throw new SlackApiError(errors[0]?.error ?? 'invalid_arguments', { errors })
    for (const id of fresh) {
      channel.members.add(id)
      addMessage(ctx, channel, { type: 'message', subtype: 'channel_join', user: id, text: `<@${id}> has joined the channel`, ts: w.nextTs(), inviter: w.bot.userId } as StoredMessage)
    }
    return { channel: w.channelJson(channel), ...(errors.length > 0 ? { errors } : {}) }
  },

  'conversations.archive': ({ params, workspace: w }) => {
    const channel = w.findChannel(str(params, 'channel'))
    if (channel.isArchived) throw new SlackApiError('already_archived')
    channel.isArchived = true
    return {}
  },

  'conversations.unarchive': ({ params, workspace: w }) => {
    const channel = w.findChannel(str(params, 'channel'))
    if (!channel.isArchived) throw new SlackApiError('not_archived')
    channel.isArchived = false
    return {}
  },

  'conversations.info': ({ params, workspace: w }) => ({ channel: w.channelJson(w.findChannel(str(params, 'channel'))) }),

  'chat.postMessage': (ctx) => {
    const { params, workspace: w } = ctx
    const channel = postable(ctx, str(params, 'channel'))
    const content = messageContent(params)
    const metadata = parseMetadata(params)
    const threadTs = str(params, 'thread_ts')
    if (threadTs) w.findMessage(channel, threadTs)
    const username = str(params, 'username')
    const iconUrl = str(params, 'icon_url')
    const customized = username !== undefined || iconUrl !== undefined
    // With a custom name Slack shows (and returns) the post as a bot_message without a user.
    const message = addMessage(ctx, channel, {
      type: 'message',
      ...(customized ? { subtype: 'bot_message', username: username ?? w.bot.name, ...(iconUrl ? { icons: { image_48: iconUrl } } : {}) } : { user: w.bot.userId }),
      bot_id: w.bot.botId,
      app_id: w.bot.appId,
      ts: w.nextTs(),
      ...content,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      ...(metadata ? { metadata } : {})
    })
    return { channel: channel.id, ts: message.ts, message: w.messageJson(message, true) }
  },

  'chat.update': (ctx) => {
    const { params, workspace: w } = ctx
    const channel = postable(ctx, str(params, 'channel'))
    const message = w.findMessage(channel, str(params, 'ts'))
    if (message.bot_id !== w.bot.botId) throw new SlackApiError('cant_update_message')
    const previous = w.messageJson(message, true)
    Object.assign(message, messageContent(params), { edited: { user: w.bot.userId, ts: w.nextTs() } })
    ctx.hub.deliver({
      type: 'message',
      subtype: 'message_changed',
      hidden: true,
      channel: channel.id,
      ts: message.edited?.ts,
      message: w.messageJson(message, true),
      previous_message: previous
    })
    return { channel: channel.id, ts: message.ts, text: message.text, message: w.messageJson(message, true) }
  },

  'users.lookupByEmail': ({ params, workspace: w }) => {
    const email = (str(params, 'email') ?? '').toLowerCase()
    const user = [...w.users.values()].find((u) => u.email === email)
    if (!user) throw new SlackApiError('users_not_found')
    return { user: { id: user.id, team_id: w.team.id, name: user.name, real_name: user.realName, is_bot: false, profile: { email: user.email, real_name: user.realName, display_name: user.name } } }
  },

  'apps.connections.open': ({ hub, baseUrl, workspace: w }) => ({
    url: `${baseUrl.replace(/^http/, 'ws')}/link/?ticket=${hub.issueTicket()}&app_id=${w.bot.appId}`
  }),

  'files.getUploadURLExternal': ({ params, workspace: w, baseUrl }) => {
    const filename = str(params, 'filename')
    const length = Number(str(params, 'length'))
    if (!filename || !Number.isInteger(length) || length <= 0) throw new SlackApiError('invalid_arguments')
    const file = { id: slackId('F'), name: filename, title: filename, length }
    w.files.set(file.id, file)
    return { upload_url: `${baseUrl}/upload/v1/${file.id}`, file_id: file.id }
  },

  'files.completeUploadExternal': (ctx) => {
    const { params, workspace: w } = ctx
    const list = json(params, 'files')
    if (!Array.isArray(list) || list.length === 0) throw new SlackApiError('invalid_arguments')
    const done = list.map((entry: { id?: string; title?: string }) => {
      const file = entry.id ? w.files.get(entry.id) : undefined
      if (!file || !file.content) throw new SlackApiError('file_not_found')
      if (entry.title) file.title = entry.title
      return file
    })
    const channelId = str(params, 'channel_id')
    if (channelId) {
      const channel = postable(ctx, channelId)
      for (const file of done) file.channel = channel.id
      const threadTs = str(params, 'thread_ts')
      addMessage(ctx, channel, {
        type: 'message',
        user: w.bot.userId,
        bot_id: w.bot.botId,
        text: str(params, 'initial_comment') ?? '',
        ts: w.nextTs(),
        files: done,
        upload: true,
        ...(threadTs ? { thread_ts: threadTs } : {})
      })
    }
    return { files: done.map((file) => ({ id: file.id, title: file.title })) }
  }
}

