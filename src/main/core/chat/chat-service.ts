import type { Message } from '../../../shared/domain'
import { VirgilError } from '../../../shared/errors'
import type { CommandRunner } from '../commands/runner'
import type { Actor } from '../commands/types'
import type { Db } from '../db/open-db'
import type { IncidentService } from '../incidents/incident-service'
import type { EventLog } from '../log/event-log'
import { getMessage, getMessageByRun, getTimeline } from './message-repo'

export interface SendInput {
  incidentId: string
  text: string
  replyTo?: string
  suggestionRank?: number
  via?: 'app' | 'slack'
}

export class ChatService {
  constructor(
    private readonly db: Db,
    private readonly log: EventLog,
    private readonly incidents: IncidentService,
    private readonly runner: CommandRunner
  ) {}

  async timeline(incidentId: string, beforeSeq: number | undefined, limit: number): Promise<{ items: Message[]; hasMore: boolean }> {
    const incident = this.incidents.require(incidentId)
    return getTimeline(this.db, incident.id, beforeSeq, limit)
  }

  /** A chat line, or a command when it starts with a command word. */
  async send(input: SendInput, actor: Actor): Promise<Message> {
    const incident = this.incidents.require(input.incidentId)
    if (incident.status === 'closed') {
      throw new VirgilError('CONFLICT', `${incident.number} is archived: its record is kept as it was. A lead can reopen it with a reason to add to it.`)
    }
    const replied = input.replyTo ? getMessage(this.db, input.replyTo) : undefined
    if (input.replyTo && (!replied || replied.incidentId !== incident.id)) {
      throw new VirgilError('NOT_FOUND', 'The message you replied to is not in this incident.')
    }
    if (this.runner.isCommand(input.text)) {
      const runId = this.runner.start({
        incidentId: incident.id,
        line: input.text,
        actor,
        incidentText: `${incident.title}\n${incident.description}`,
        ...(input.replyTo ? { replyTo: input.replyTo } : {}),
        ...(replied ? { replyText: replied.command?.output?.text ?? replied.text } : {}),
        ...(input.via ? { via: input.via } : {}),
        ...(input.suggestionRank ? { suggestionRank: input.suggestionRank } : {})
      })
      return getMessageByRun(this.db, runId) as Message
    }
    const event = this.log.appendOne({
      type: 'message.posted',
      incidentId: incident.id,
      actor,
      payload: { text: input.text, via: input.via ?? 'app', replyTo: input.replyTo, at: Date.now() }
    })
    return getMessage(this.db, event.id) as Message
  }

  async byRun(runId: string): Promise<Message> {
    const message = getMessageByRun(this.db, runId)
    if (!message) throw new VirgilError('NOT_FOUND', 'That command run does not exist.')
    return message
  }

  async mark(messageId: string, mark: 'note' | 'evidence' | null, actor: Actor): Promise<Message> {
    const message = getMessage(this.db, messageId)
    if (!message) throw new VirgilError('NOT_FOUND', 'That message does not exist.')
    if (this.incidents.require(message.incidentId).status === 'closed') {
      throw new VirgilError('CONFLICT', 'This incident is archived: its notes and evidence are kept as they were.')
    }
    if ((message.mark ?? null) !== mark) {
      this.log.appendOne({ type: 'message.marked', incidentId: message.incidentId, actor, payload: { messageId, mark, at: Date.now() } })
    }
    return getMessage(this.db, messageId) as Message
  }
}
