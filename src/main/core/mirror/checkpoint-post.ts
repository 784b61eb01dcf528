import type { Checkpoint } from '../archive/checkpoint'
import { checkpointFingerprint } from '../archive/checkpoint'
import { commandLine, statusLine } from '../integrations/slack/blocks'
import type { Reactor } from '../log/event-log'
import type { OutboxHandler } from '../outbox/outbox-worker'
import { linkedRoom, postEntry, skipped, type EntryDeps } from './post-entry'
import { laneOf } from './reactor'
import { payloadOf } from '../log/events'

export const SLACK_CHECKPOINT_KIND = 'Slack.checkpoint'

/** Seals one incident's chains now (CheckpointService.sealIncident). */
export type SealIncident = (incidentId: string) => Checkpoint

/**
 * On closing, before the summary and the archiving of the channel (this reactor is registered
 * first, so its item leads the channel's lane), the incident's checkpoint is queued for its channel.
 */
export function checkpointReactor(deps: { isEnabled(): boolean; hasRoom(incidentId: string): boolean; isClosed(): boolean }): Reactor {
  return (e) => {
    if (deps.isClosed() || !e.incidentId || payloadOf(e, 'incident.updated')?.changes.status !== 'closed') return []
    if (!deps.isEnabled() || !deps.hasRoom(e.incidentId)) return []
    return [{ key: `slack:checkpoint:${e.id}`, kind: SLACK_CHECKPOINT_KIND, lane: laneOf(e.incidentId), incidentId: e.incidentId, payload: { incidentId: e.incidentId } }]
  }
}

/**
 * Posts the incident's checkpoint (sealed at delivery, so it covers the close) in its channel: a
 * copy outside this workstation that `virgil verify --checkpoint FILE` checks the log against.
 */
export function checkpointHandler(deps: EntryDeps & { seal: SealIncident }): OutboxHandler {
  return {
    kind: SLACK_CHECKPOINT_KIND,
    service: 'Slack',
    describe: () => 'Slack copy of the checkpoint',
    async deliver(item) {
      const room = linkedRoom(deps.store, item)
      if (room.archived) return skipped('channel archived')
      const checkpoint = deps.seal(room.incidentId)
      const events = checkpoint.chains.reduce((n, c) => n + c.count, 0)
      const number = checkpoint.numbers[room.incidentId] ?? room.incidentId
      const headline = `Checkpoint of ${number}: ${events} events sealed ${new Date(checkpoint.at).toISOString()} by key ${checkpointFingerprint(checkpoint)}. Saved as a file, \`virgil verify --checkpoint FILE\` checks the log against it.`
      const result = await postEntry(deps, item, {
        channel: room.channelId,
        incidentId: room.incidentId,
        rendered: { messages: [...statusLine(headline), ...commandLine(JSON.stringify(checkpoint))] }
      })
      return { outcome: { channelId: room.channelId, ts: result.ts, events } }
    }
  }
}
