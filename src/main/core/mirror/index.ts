import type { ChatService } from '../chat/chat-service'
import type { CommandRunner } from '../commands/runner'
import type { Db } from '../db/open-db'
import type { IncidentService } from '../incidents/incident-service'
import type { InboundStatus } from '../integrations/slack/inbound'
import type { EventLog } from '../log/event-log'
import type { OutboxWorker } from '../outbox/outbox-worker'
import type { SettingsService } from '../settings/settings-service'
import type { StatusService } from '../status/status-service'
import { DisposableStore } from '../lifecycle'
import { GatewaySource, type GatewayTuning } from './gateway-source'
import { createInboundBridge } from './inbound-bridge'
import { createInboundRunner, type InboundTuning } from './inbound-runner'
import { fileHandler } from './file-handler'
import { checkpointHandler, checkpointReactor, type SealIncident } from './checkpoint-post'
import { alertHandler, outputHandler, postHandler, replyHandler, updateHandler } from './post-handlers'
import { KIND, laneOf, mirrorReactor } from './reactor'
import { channelHandler, closeHandler, topicHandler } from './room-handlers'
import { MirrorStore } from './store'
import { SlackUsers, type TeamRoster } from './users'
import { incidentIds } from '../incidents/incident-repo'

export { KIND as SLACK_KINDS } from './reactor'

export interface SlackMirrorDeps {
  db: Db
  log: EventLog
  outbox: OutboxWorker
  settings: SettingsService
  chat: ChatService
  incidents: IncidentService
  runner: CommandRunner
  status: StatusService
  /** The stored bytes of an evidence blob, for the Slack copy of an upload (none: files are not mirrored). */
  readBlob?: (sha256: string) => Promise<Uint8Array | undefined>
  /** The team roster: Slack users map to people (and their roles) through it first. */
  roster?: TeamRoster
  /** Timeouts and polling; the defaults suit real Slack, tests and benches shorten them. */
  tuning?: GatewayTuning & InboundTuning
  /** Seals an incident's checkpoint, posted in its channel on closing. */
  sealIncident?: SealIncident
}

export interface SlackMirror {
  /** Socket Mode, polling, or off: how messages from Slack reach the rooms right now. */
  inboundStatus(): InboundStatus | 'off'
  /** Settles once inbound matches the current settings (tests, benches). */
  ready(): Promise<void>
  close(): Promise<void>
}

/**
 * Every war room mirrored to its own Slack channel, both ways: outbound through the durable outbox
 * (lane per channel, keyed by event id), inbound through Socket Mode with polling as fallback.
 */
export function installSlackMirror(deps: SlackMirrorDeps): SlackMirror {
  const tuning = deps.tuning ?? {}
  const store = new MirrorStore(deps.db)
  const source = new GatewaySource(deps.settings, tuning)
  const users = new SlackUsers(source, deps.roster)
  let closed = false
  const owned = new DisposableStore('slack.mirror')

  const seal = deps.sealIncident
  if (seal) {
    // First, so the checkpoint leads the closing summary and the archiving in the channel's lane.
    owned.add(deps.log.addReactor(checkpointReactor({ isEnabled: () => source.config() !== undefined, hasRoom: (id) => store.room(id) !== undefined, isClosed: () => closed })), 'checkpoint reactor')
    owned.add(deps.outbox.register(checkpointHandler({ store, source, seal })), 'checkpoint handler')
  }
  owned.add(deps.log.addReactor(
    mirrorReactor({
      store,
      isEnabled: () => source.config() !== undefined,
      alertsChannel: () => deps.settings.current().slack.alertsChannel,
      isClosed: () => closed
    })
  ), 'mirror reactor')
  const entry = { store, source }
  const room = { ...entry, db: deps.db, incidents: deps.incidents, users }
  owned.add(deps.outbox.register(
    channelHandler(room),
    topicHandler(room),
    closeHandler(room),
    postHandler(entry),
    outputHandler({ ...entry, db: deps.db }),
    updateHandler(entry),
    replyHandler(entry),
    alertHandler(entry),
    fileHandler({ ...entry, readBlob: deps.readBlob ?? (() => Promise.resolve(undefined)) })
  ), 'mirror outbox handlers')

  const bridge = createInboundBridge({ log: deps.log, store, chat: deps.chat, runner: deps.runner, users })
  const inbound = createInboundRunner({ source, store, bridge, status: deps.status, tuning })
  // Rooms opened before Slack was switched on get their channel once it is.
  const adoptOpenIncidents = (): void => {
    if (closed || source.config() === undefined) return
    for (const id of incidentIds(deps.db, 'open')) {
      if (store.addRoom(id, Date.now())) deps.log.queue({ key: `slack:channel:${id}`, kind: KIND.channel, lane: laneOf(id), incidentId: id, payload: { incidentId: id } })
    }
    deps.outbox.kick()
  }
  owned.add(() => bridge.idle(), 'inbound bridge')
  owned.add(() => inbound.close(), 'inbound')
  owned.add(deps.settings.onChange(() => {
    source.invalidate()
    adoptOpenIncidents()
    void inbound.reconcile()
  }), 'settings subscription')
  adoptOpenIncidents()
  void inbound.reconcile()

  return {
    inboundStatus: () => inbound.status(),
    ready: () => inbound.reconcile(),
    async close() {
      closed = true
      await owned.dispose()
    }
  }
}
