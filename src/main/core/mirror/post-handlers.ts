import type { CommandRunView } from '../../../shared/domain'
import { chatMessage, commandLine, commandOutput, statusLine, type RenderedForSlack } from '../integrations/slack/blocks'
import { partKey } from '../integrations/slack/deliver'
import { slackTsFromMs } from '../integrations/slack/slack-message'
import type { Db } from '../db/open-db'
import type { OutboxHandler } from '../outbox/outbox-worker'
import { getMessageByRun } from '../chat/message-repo'
import { linkedRoom, postEntry, skipped, type EntryDeps } from './post-entry'
import { KIND, type PostMode } from './reactor'
import { alertMessages } from './render'

const RENDER: Record<PostMode, (text: string) => RenderedForSlack> = {
  chat: (text) => ({ messages: chatMessage(text) }),
  status: (text) => ({ messages: statusLine(text) }),
  command: (text) => ({ messages: commandLine(text) })
}

const asAnalyst = (name: string) => (name === 'Virgil' ? {} : { asUser: { name } })

/** A room line (chat, system or status line, command line) posted in the channel as its author. */
export function postHandler(deps: EntryDeps): OutboxHandler {
  return {
    kind: KIND.post,
    service: 'Slack',
    describe: (item) => (item.payload.mode === 'command' ? 'Slack mirror of a command' : 'Slack mirror of a message'),
    async deliver(item) {
      const p = item.payload
      const room = linkedRoom(deps.store, item)
      if (room.archived) return skipped('channel archived')
      const mode = (p.mode as PostMode) in RENDER ? (p.mode as PostMode) : 'chat'
      const result = await postEntry(deps, item, {
        channel: room.channelId,
        incidentId: room.incidentId,
        rendered: RENDER[mode](String(p.text)),
        ...asAnalyst(String(p.author)),
        ...(mode === 'status' ? {} : { messageId: String(p.eventId) }),
        ...(typeof p.runId === 'string' ? { runId: p.runId } : {})
      })
      return { outcome: { channelId: room.channelId, ts: result.ts } }
    }
  }
}

function fileNameFor(run: CommandRunView): string {
  const slug = run.line.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40)
  return `${slug || 'output'}.txt`
}

function finishedText(run: CommandRunView): string {
  if (run.status === 'error') return `${run.line} failed: ${run.error?.message ?? 'no reason given'}`
  if (run.status === 'cancelled') return `${run.line} was cancelled.`
  if (run.status === 'interrupted') return `${run.line} was interrupted: ${run.error?.message ?? 'Virgil stopped while it ran.'}`
  return `${run.line} finished with no output.`
}

/** A command's output, in the thread under its command line (or under the Slack message that ran it). */
export function outputHandler(deps: EntryDeps & { db: Db }): OutboxHandler {
  return {
    kind: KIND.output,
    service: 'Slack',
    describe: () => 'Slack mirror of command output',
    async deliver(item) {
      const room = linkedRoom(deps.store, item)
      if (room.archived) return skipped('channel archived')
      const message = getMessageByRun(deps.db, String(item.payload.runId))
      const run = message?.command
      if (!message || !run) return skipped('command run not found')
      const root = deps.store.byRun(run.runId)
      const threadTs = root && root.channelId === room.channelId ? root.ts : undefined
      const body = run.output ? commandOutput(run.output, { uploadName: fileNameFor(run) }) : { messages: statusLine(finishedText(run)) }
      // Its command line never reached Slack (it was on hold and dropped): show the line with the output.
      const rendered = threadTs ? body : { ...body, messages: [...commandLine(run.line), ...body.messages] }
      const result = await postEntry(deps, item, {
        channel: room.channelId,
        incidentId: room.incidentId,
        rendered,
        ...asAnalyst(message.author.name),
        ...(threadTs ? { threadTs } : {})
      })
      return { outcome: { channelId: room.channelId, threadTs: threadTs ?? null, ts: result.ts, uploaded: result.uploaded } }
    }
  }
}

/** An edit or deletion made in Virgil, applied to the Slack post that mirrors the message. */
export function updateHandler(deps: EntryDeps): OutboxHandler {
  return {
    kind: KIND.update,
    service: 'Slack',
    describe: () => 'Slack edit of a mirrored message',
    async deliver(item) {
      const mapped = deps.store.byMessage(String(item.payload.messageId))
      if (!mapped || mapped.direction !== 'out') return skipped('message was never mirrored')
      const text = item.payload.text
      const [body] = typeof text === 'string' ? chatMessage(text) : statusLine('This message was deleted in Virgil.')
      if (!body) return skipped('nothing to show')
      await deps.source.gateway().update({ channel: mapped.channelId, ts: mapped.ts, text: body.text, blocks: body.blocks })
      return { outcome: { channelId: mapped.channelId, ts: mapped.ts } }
    }
  }
}

/** Virgil answering someone in Slack, in their thread (e.g. why their command did not run). */
export function replyHandler(deps: EntryDeps): OutboxHandler {
  return {
    kind: KIND.reply,
    service: 'Slack',
    describe: () => 'Slack reply',
    async deliver(item) {
      const p = item.payload
      const channel = String(p.channelId)
      const result = await postEntry(deps, item, { channel, incidentId: String(item.incidentId), rendered: { messages: chatMessage(String(p.text)) }, threadTs: String(p.threadTs) })
      return { outcome: { channelId: channel, ts: result.ts } }
    }
  }
}

const CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/

/** New alerts and P1/P2 openings, in the SOC's alerts channel (Settings → Slack → alerts channel). */
export function alertHandler(deps: EntryDeps): OutboxHandler {
  const idsByName = new Map<string, string>()
  return {
    kind: KIND.alert,
    service: 'Slack',
    describe: () => 'Slack alerts-channel post',
    async deliver(item) {
      const configured = deps.source.config()?.slack.alertsChannel.replace(/^#/, '') ?? ''
      if (!configured) return skipped('no alerts channel set')
      const gateway = deps.source.gateway()
      const known = CHANNEL_ID.test(configured) ? configured : idsByName.get(configured)
      const tried = deps.store.firstTry(item.key, Date.now())
      const messages = alertMessages(String(item.payload.headline), (item.payload.details as string[] | undefined) ?? [])
      const ts: string[] = []
      for (const [index, message] of messages.entries()) {
        const key = partKey(item.key, index, messages.length)
        const landed = !tried.first && known ? await gateway.findPostedByKey(known, key, slackTsFromMs(tried.at - 120_000)) : null
        if (landed) {
          ts.push(landed)
          continue
        }
        const posted = await gateway.post({ channel: known ?? configured, text: message.text, blocks: message.blocks, idempotencyKey: key })
        idsByName.set(configured, posted.channel)
        ts.push(posted.ts)
      }
      return { outcome: { channel: configured, ts } }
    }
  }
}
