import { randomBytes } from 'node:crypto'
import { SlackApiError } from './slack-wire'

export interface StoredFile {
  id: string
  name: string
  title: string
  length: number
  content?: Buffer
  channel?: string
}

export interface StoredMessage {
  type: 'message'
  ts: string
  text: string
  user?: string
  subtype?: string
  bot_id?: string
  app_id?: string
  username?: string
  icons?: { image_48: string }
  blocks?: unknown[]
  metadata?: { event_type: string; event_payload: Record<string, unknown> }
  thread_ts?: string
  edited?: { user: string; ts: string }
  files?: StoredFile[]
  upload?: boolean
  deleted?: boolean
}

export interface StoredChannel {
  id: string
  name: string
  created: number
  creator: string
  isPrivate: boolean
  isArchived: boolean
  topic: string
  purpose: string
  members: Set<string>
  messages: StoredMessage[]
}

export interface StoredUser {
  id: string
  name: string
  realName: string
  email: string
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
export function slackId(prefix: string): string {
  const bytes = randomBytes(10)
  return prefix + Array.from(bytes, (b) => ALNUM[b % ALNUM.length]).join('')
}

/** The stand-in's in-memory workspace: one team, one installed app (the Virgil bot), a few people. */
export function createWorkspace() {
  const team = { id: 'T0VIRGIL01', name: 'Virgil SOC', domain: 'virgil-soc' }
  const bot = { userId: 'U0VIRGILBOT', botId: 'B0VIRGILBOT', appId: 'A0VIRGILAPP', name: 'virgil' }
  const channels = new Map<string, StoredChannel>()
  const files = new Map<string, StoredFile>()
  const users = new Map<string, StoredUser>()
  let lastMicros = 0

  for (const [id, name, realName] of [
    ['U0ALICE001', 'alice', 'Alice Analyst'],
    ['U0BOB00001', 'bob', 'Bob Lead'],
    ['U0CAROL001', 'carol', 'Carol Responder']
  ] as const) {
    users.set(id, { id, name, realName, email: `${name}@soc.example` })
  }

  /** Strictly increasing Slack timestamps ("1712345678.123456"), as Slack guarantees per channel. */
  function nextTs(): string {
    lastMicros = Math.max(lastMicros + 1, Date.now() * 1000)
    return `${Math.floor(lastMicros / 1_000_000)}.${String(lastMicros % 1_000_000).padStart(6, '0')}`
  }

  function findChannel(idOrName: string | undefined): StoredChannel {
    if (!idOrName) throw new SlackApiError('channel_not_found')
    const byId = channels.get(idOrName)
    if (byId) return byId
    const name = idOrName.replace(/^#/, '')
    for (const channel of channels.values()) if (channel.name === name) return channel
    throw new SlackApiError('channel_not_found')
  }

  function addChannel(name: string, creator: string, isPrivate: boolean): StoredChannel {
    const channel: StoredChannel = {
      id: slackId(isPrivate ? 'G' : 'C'),
      name,
      created: Math.floor(Date.now() / 1000),
      creator,
      isPrivate,
      isArchived: false,
      topic: '',
      purpose: '',
      members: new Set([creator]),
      messages: []
    }
    channels.set(channel.id, channel)
    return channel
  }

  function findMessage(channel: StoredChannel, ts: string | undefined): StoredMessage {
    const message = channel.messages.find((m) => m.ts === ts && !m.deleted)
    if (!message) throw new SlackApiError('message_not_found')
    return message
  }

  function channelJson(channel: StoredChannel) {
    const topicOrPurpose = (value: string) => ({ value, creator: value ? bot.userId : '', last_set: value ? channel.created : 0 })
    return {
      id: channel.id,
      name: channel.name,
      name_normalized: channel.name,
      is_channel: !channel.isPrivate,
      is_group: false,
      is_im: false,
      is_mpim: false,
      is_private: channel.isPrivate,
      created: channel.created,
      creator: channel.creator,
      is_archived: channel.isArchived,
      is_general: false,
      is_shared: false,
      is_ext_shared: false,
      is_org_shared: false,
      is_member: channel.members.has(bot.userId),
      num_members: channel.members.size,
      topic: topicOrPurpose(channel.topic),
      purpose: topicOrPurpose(channel.purpose)
    }
  }

  function fileJson(file: StoredFile) {
    return {
      id: file.id,
      created: Math.floor(Date.now() / 1000),
      name: file.name,
      title: file.title,
      mimetype: 'text/plain',
      filetype: 'text',
      pretty_type: 'Plain Text',
      user: bot.userId,
      size: file.length,
      mode: 'hosted',
      is_external: false,
      url_private: `https://files.slack.com/files-pri/${team.id}-${file.id}/${encodeURIComponent(file.name)}`
    }
  }

  /** A message as the Web API shows it; metadata only when the caller asked for it. */
  function messageJson(message: StoredMessage, withMetadata: boolean, channel?: StoredChannel) {
    const { deleted: _deleted, files, metadata, ...rest } = message
    const replies = channel ? channel.messages.filter((m) => m.thread_ts === message.ts && m.ts !== message.ts && !m.deleted).length : 0
    return {
      ...rest,
      ...(files ? { files: files.map(fileJson) } : {}),
      ...(withMetadata && metadata ? { metadata } : {}),
      ...(replies > 0 ? { reply_count: replies } : {})
    }
  }

  return { team, bot, channels, files, users, nextTs, findChannel, addChannel, findMessage, channelJson, fileJson, messageJson }
}

export type Workspace = ReturnType<typeof createWorkspace>
