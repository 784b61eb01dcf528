import type { ChatService } from '../chat/chat-service'
import type { CommandRunner } from '../commands/runner'
import { commandRefusal } from '../access/authorize'
import type { Actor } from '../commands/types'
import type { InboundDelete, InboundEdit, InboundMessage } from '../integrations/slack/inbound-events'
import { unescapeMrkdwn } from '../integrations/slack/split'
import type { EventLog } from '../log/event-log'
import { KIND, laneOf } from './reactor'
import type { MirrorStore } from './store'
import type { SlackUsers } from './users'

export interface InboundBridgeDeps {
  log: EventLog
  store: MirrorStore
  chat: ChatService
  runner: CommandRunner
  users: SlackUsers
}

/**
 * What people write in an incident's channel, brought into its room: messages attributed to them,
 * edits and deletions following, and commands run for those allowed. Each Slack message is handled
 * once, whatever path (socket, redelivery, polling) brings it, by claiming its (channel, ts) first.
 */
export function createInboundBridge(deps: InboundBridgeDeps) {
  const { log, store } = deps
  // Slack delivers in order; handling one at a time keeps that order in the room.
  let queue: Promise<void> = Promise.resolve()
  const serial = (work: () => Promise<void>): Promise<void> => {
    queue = queue.then(work, work)
    return queue
  }

  async function actorFor(user: string): Promise<{ actor: Actor; analyst?: string }> {
    const person = await deps.users.whoIs(user)
    const m = person.member
    const actor: Actor = m
      ? { id: m.id, name: m.name, role: m.role, groups: m.groups, via: 'slack' }
      : { id: `slack:${user}`, name: person.name, role: person.analyst ? 'analyst' : 'viewer', via: 'slack' }
    return person.analyst ? { actor, analyst: person.analyst } : { actor }
  }

  async function onMessage(m: InboundMessage): Promise<void> {
    const room = store.roomByChannel(m.channel)
    if (!room || room.archived) return
    if (!store.claim({ channelId: m.channel, ts: m.ts, incidentId: room.incidentId, direction: 'in' })) return
    try {
      const text = unescapeMrkdwn(m.text).trim()
      if (!text) {
        store.release(m.channel, m.ts)
        return
      }
      const { actor, analyst } = await actorFor(m.user)
      const parent = m.threadTs ? store.bySlack(m.channel, m.threadTs) : undefined
      const replyTo = parent?.messageId ?? undefined
      if (deps.runner.isCommand(text) && (commandRefusal(actor) || !(analyst && deps.users.mayRun(analyst)))) {
        refuse(room.incidentId, m, text, actor, analyst)
        return
      }
      if (deps.runner.isCommand(text)) {
        const message = await deps.chat.send({ incidentId: room.incidentId, text, via: 'slack', ...(replyTo ? { replyTo } : {}) }, actor)
        store.setMessage(m.channel, m.ts, message.id, message.command?.runId ?? null)
        return
      }
      const [event] = log.append([
        { type: 'message.posted', incidentId: room.incidentId, actor, payload: { text, via: 'slack', replyTo, at: Date.now(), slack: { channel: m.channel, ts: m.ts } } }
      ])
      if (event) store.setMessage(m.channel, m.ts, event.id, null)
    } catch (error) {
      store.release(m.channel, m.ts)
      throw error
    }
  }

  /** The line shows in the room as said; Virgil answers in Slack, in words, why it did not run. */
  function refuse(incidentId: string, m: InboundMessage, text: string, actor: Actor, analyst: string | undefined): void {
    const command = text.split(/\s+/, 1)[0] ?? text
    const byRole = analyst ? commandRefusal(actor) : undefined
    const why = byRole
      ? byRole
      : analyst
      ? `${analyst} is not on the list of analysts allowed to run commands from Slack (Settings → Slack → allowed runners).`
      : 'your Slack account is not mapped to a Virgil analyst (Settings → Slack → user map).'
    const reply = `<@${m.user}> Virgil did not run \`${command}\`: ${why} Ask the incident leader, or run it in Virgil.`
    const note = `Did not run "${text}" from Slack for ${actor.name}: ${why}`
    const [posted] = log.append(
      [
        { type: 'message.posted', incidentId, actor, payload: { text, via: 'slack', at: Date.now(), slack: { channel: m.channel, ts: m.ts } } },
        { type: 'system.noted', incidentId, actor: { id: 'system', name: 'Virgil' }, payload: { text: note, via: 'system', mirror: false, at: Date.now() } }
      ],
      (events) => [
        {
          key: `slack:reply:${events[0]?.id ?? m.ts}`,
          kind: KIND.reply,
          lane: laneOf(incidentId),
          incidentId,
          payload: { channelId: m.channel, threadTs: m.threadTs ?? m.ts, text: reply }
        }
      ]
    )
    if (posted) store.setMessage(m.channel, m.ts, posted.id, null)
  }

  async function onEdit(edit: InboundEdit): Promise<void> {
    const mapped = store.bySlack(edit.channel, edit.ts)
    if (!mapped?.messageId || mapped.direction !== 'in' || mapped.runId) return
    const { actor } = await actorFor(edit.user)
    const text = unescapeMrkdwn(edit.text).trim()
    log.append([{ type: 'message.edited', incidentId: mapped.incidentId, actor, payload: { messageId: mapped.messageId, text, via: 'slack', at: Date.now() } }])
  }

  async function onDelete(deletion: InboundDelete): Promise<void> {
    const mapped = store.bySlack(deletion.channel, deletion.ts)
    // A command's record stays in the room even if its Slack line goes: it is evidence.
    if (!mapped?.messageId || mapped.direction !== 'in' || mapped.runId) return
    const actor = { id: 'slack', name: 'Slack' }
    log.append([{ type: 'message.deleted', incidentId: mapped.incidentId, actor, payload: { messageId: mapped.messageId, via: 'slack', at: Date.now() } }])
  }

  return {
    onMessage: (m: InboundMessage) => serial(() => onMessage(m)),
    onEdit: (e: InboundEdit) => serial(() => onEdit(e)),
    onDelete: (d: InboundDelete) => serial(() => onDelete(d)),
    idle: () => serial(async () => undefined)
  }
}
