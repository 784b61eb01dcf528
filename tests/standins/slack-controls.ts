import type { Server } from 'node:http'
import type { Fault, StandInState } from './slack'
import { addMessage } from './slack-methods'
import type { SocketHub } from './slack-socket'
import type { createRateLimiter, RateLimit } from './slack-wire'
import { slackId, type StoredMessage, type Workspace } from './slack-workspace'

export interface StandInMessage extends Omit<StoredMessage, 'files'> {
  files?: { id: string; name: string; title: string; content: string }[]
}

/** Everything a test (or an e2e run, or a bench) can do to the loopback Slack. */
export function createSlackControls(args: {
  baseUrl: string
  server: Server
  workspace: Workspace
  hub: SocketHub
  limiter: ReturnType<typeof createRateLimiter>
  state: StandInState
}) {
  const { baseUrl, server, workspace, hub, limiter, state } = args
  const ctx = { workspace, hub }
  const userMessage = (channelRef: string, ts: string) => {
    const message = workspace.findMessage(workspace.findChannel(channelRef), ts)
    if (message.bot_id) throw new Error(`Message ${ts} was posted by the app, not a user`)
    return message
  }

  return {
    url: baseUrl,
    /** What WebClient's slackApiUrl expects. */
    apiUrl: `${baseUrl}/api/`,
    get botToken() {
      return state.botToken
    },
    get appToken() {
      return state.appToken
    },
    team: workspace.team,
    bot: workspace.bot,
    users: () => [...workspace.users.values()],

    /** A person says something in a channel; Socket Mode subscribers get the `message` event. */
    injectUserMessage(channelRef: string, user: string, text: string, options: { threadTs?: string } = {}): string {
      const channel = workspace.findChannel(channelRef)
      const message = addMessage(ctx, channel, { type: 'message', user, text, ts: workspace.nextTs(), ...(options.threadTs ? { thread_ts: options.threadTs } : {}) })
      return message.ts
    },
    editUserMessage(channelRef: string, ts: string, text: string): void {
      const channel = workspace.findChannel(channelRef)
      const message = userMessage(channelRef, ts)
      const previous = workspace.messageJson(message, true)
      message.text = text
      message.edited = { user: message.user ?? '', ts: workspace.nextTs() }
      hub.deliver({ type: 'message', subtype: 'message_changed', hidden: true, channel: channel.id, ts: message.edited.ts, message: workspace.messageJson(message, true), previous_message: previous })
    },
    deleteUserMessage(channelRef: string, ts: string): void {
      const channel = workspace.findChannel(channelRef)
      const message = userMessage(channelRef, ts)
      message.deleted = true
      const eventTs = workspace.nextTs()
      hub.deliver({ type: 'message', subtype: 'message_deleted', hidden: true, channel: channel.id, ts: eventTs, deleted_ts: ts, previous_message: workspace.messageJson(message, true) })
    },

    /** A channel someone else made (to provoke name_taken), or one the bot did (as after a crash). */
    createChannel(name: string, options: { creator?: string; isPrivate?: boolean; archived?: boolean } = {}): string {
      const channel = workspace.addChannel(name, options.creator ?? 'U0ALICE001', options.isPrivate ?? false)
      channel.isArchived = options.archived ?? false
      return channel.id
    },
    channel(ref: string) {
      const channel = workspace.findChannel(ref)
      return { ...workspace.channelJson(channel), members: [...channel.members] }
    },
    addUser(user: { name: string; email: string; realName?: string }): string {
      const id = slackId('U')
      workspace.users.set(id, { id, name: user.name, email: user.email.toLowerCase(), realName: user.realName ?? user.name })
      return id
    },
    /** Every live message of a channel, oldest first, with metadata and file contents. */
    messages(channelRef: string): StandInMessage[] {
      return workspace
        .findChannel(channelRef)
        .messages.filter((m) => !m.deleted)
        .map(({ files, ...rest }) => ({
          ...structuredClone(rest),
          ...(files ? { files: files.map((f) => ({ id: f.id, name: f.name, title: f.title, content: f.content?.toString('utf8') ?? '' })) } : {})
        }))
    },

    revokeToken(kind: 'bot' | 'app' = 'bot'): void {
      state.revoked.add(kind)
      if (kind === 'app') hub.dropAll()
    },
    /** Installs a fresh token (as reinstalling the app does) and lifts revocation. */
    rotateToken(kind: 'bot' | 'app', token: string): void {
      if (kind === 'bot') state.botToken = token
      else state.appToken = token
      state.revoked.delete(kind)
    },
    removeScope(scope: string): void {
      state.scopes.delete(scope)
    },
    addScope(scope: string): void {
      state.scopes.add(scope)
    },
    /** '5xx' answers 503 to everything; 'drop' resets connections. Both cut open sockets. */
    setOutage(on: boolean, mode: '5xx' | 'drop' = '5xx'): void {
      state.outage = on ? mode : false
      if (on) hub.dropAll()
    },
    /** Stops listening: calls are refused (ECONNREFUSED) until comeBack(), as when Slack is unreachable. */
    async goDown(): Promise<void> {
      hub.dropAll()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
    /** Listens again on the same port, workspace kept. */
    async comeBack(): Promise<void> {
      const port = Number(new URL(baseUrl).port)
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
    },
    /** Every Web API call does its work, then its answer is held for ms (until hangAll(0)): Slack hanging past our timeout. */
    hangAll(ms: number): void {
      state.hangMs = ms
    },
    failNext(fault: Fault): void {
      state.faults.push(fault)
    },
    delayNextMs(ms: number, method?: string): void {
      state.faults.push({ delayMs: ms, ...(method ? { method } : {}) })
    },
    setRateLimit(method: string, limit: RateLimit | null): void {
      limiter.set(method, limit)
    },
    /** Every API call received, in order (method, params, token kind, status, Slack error). */
    requests: () => state.requests.slice(),
    clearRequests(): void {
      state.requests.length = 0
    },
    socketStats: () => hub.stats(),
    /** Cuts every Socket Mode connection as a network blip would. */
    dropSockets: () => hub.dropAll(),

    async close(): Promise<void> {
      await hub.close()
      server.closeAllConnections()
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
    }
  }
}

export type SlackStandIn = ReturnType<typeof createSlackControls>
