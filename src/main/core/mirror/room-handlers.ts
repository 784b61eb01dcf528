import { isVirgilError } from '../../../shared/errors'
import type { Db } from '../db/open-db'
import type { IncidentService } from '../incidents/incident-service'
import { incidentChannelName } from '../integrations/slack/channel-name'
import type { OutboxHandler } from '../outbox/outbox-worker'
import { linkedRoom, postEntry, skipped, type EntryDeps } from './post-entry'
import { KIND } from './reactor'
import { headerMessages, incidentNumber, purposeOf, summaryMessages, topicOf } from './render'
import type { SlackUsers } from './users'
import { chatLineCount } from '../chat/message-repo'
import { runCount } from '../commands/command-run-repo'

export interface RoomHandlerDeps extends EntryDeps {
  db: Db
  incidents: IncidentService
  users: SlackUsers
}

const SYSTEM = { id: 'system', name: 'Virgil' }

/** Creates (or, after a crash, finds) the incident's channel, sets its topic, invites, posts the header. */
export function channelHandler(deps: RoomHandlerDeps): OutboxHandler {
  return {
    kind: KIND.channel,
    service: 'Slack',
    describe: () => 'Slack channel creation',
    async deliver(item) {
      const incident = deps.incidents.require(String(item.payload.incidentId))
      const gateway = deps.source.gateway()
      const restricted = incident.restrictedGroups
      const previous = deps.store.room(incident.id)
      if (item.payload.move && !restricted) return skipped('no longer restricted')
      const name = incidentChannelName(incidentNumber(incident), restricted ? 'restricted' : incident.title)
      if (item.payload.move && restricted && previous?.channelId && previous.channelName?.startsWith(name)) {
        // Already private: the groups changed, so their members are invited (nobody is removed).
        const ids = deps.users.groupMembers(restricted)
        await gateway.invite(previous.channelId, ids)
        return { outcome: { channelId: previous.channelId, invited: ids.length } }
      }
      const channel = await gateway.ensureChannel(name, { isPrivate: Boolean(restricted) })
      await gateway.setTopicAndPurpose(channel.id, { topic: topicOf(incident), purpose: purposeOf(incident) })
      const { ids, unmapped } = restricted ? { ids: deps.users.groupMembers(restricted), unmapped: [] } : await deps.users.idsFor([incident.leader, ...incident.members])
      if (item.payload.move && previous?.channelId && previous.channelId !== channel.id) {
        await gateway.post({ channel: previous.channelId, idempotencyKey: `${item.key}:moved`, text: 'This incident is now restricted: its room continues in a private channel for its groups only.' })
        await gateway.archive(previous.channelId)
      }
      let notInvited = unmapped
      try {
        await gateway.invite(channel.id, ids)
      } catch (error) {
        // Someone the map names but Slack does not know: say so in the header rather than block the room.
        if (!isVirgilError(error) || error.code !== 'NOT_FOUND') throw error
        notInvited = [...unmapped, 'people whose mapped Slack account no longer exists']
      }
      await postEntry(deps, item, { channel: channel.id, incidentId: incident.id, rendered: { messages: headerMessages(incident, notInvited) } })
      return {
        outcome: { channelId: channel.id, channelName: channel.name, reused: !channel.created, invited: ids.length, notInvited },
        events: [{ type: 'slack.linked', incidentId: incident.id, actor: SYSTEM, payload: { channelId: channel.id, channelName: channel.name, at: Date.now() } }]
      }
    }
  }
}

/** Keeps topic and purpose in step with priority, status, leader and title; unarchives on reopening. */
export function topicHandler(deps: RoomHandlerDeps): OutboxHandler {
  return {
    kind: KIND.topic,
    service: 'Slack',
    describe: () => 'Slack topic update',
    async deliver(item) {
      const incident = deps.incidents.require(String(item.payload.incidentId))
      const room = linkedRoom(deps.store, item)
      const gateway = deps.source.gateway()
      if (room.archived) {
        if (incident.status === 'closed') return skipped('channel archived')
        await gateway.unarchive(room.channelId)
        deps.store.setArchived(incident.id, false)
      }
      await gateway.setTopicAndPurpose(room.channelId, { topic: topicOf(incident), purpose: purposeOf(incident) })
      return { outcome: { channelId: room.channelId, topic: topicOf(incident), unarchived: room.archived } }
    }
  }
}

/** On closing: a summary, then the channel is archived (it comes back if the incident is reopened). */
export function closeHandler(deps: RoomHandlerDeps): OutboxHandler {
  return {
    kind: KIND.close,
    service: 'Slack',
    describe: () => 'Slack closing summary',
    async deliver(item) {
      const incident = deps.incidents.require(String(item.payload.incidentId))
      if (incident.status !== 'closed') return skipped('reopened before the summary was posted')
      const room = linkedRoom(deps.store, item)
      if (room.archived) return skipped('channel already archived')
      const counts = { messages: chatLineCount(deps.db, incident.id), commands: runCount(deps.db, incident.id) }
      const closedBy = String(item.payload.closedBy ?? 'an analyst')
      await postEntry(deps, item, { channel: room.channelId, incidentId: incident.id, rendered: { messages: summaryMessages(incident, counts, closedBy, Date.now()) } })
      await deps.source.gateway().archive(room.channelId)
      deps.store.setArchived(incident.id, true)
      return { outcome: { channelId: room.channelId, archived: true } }
    }
  }
}
