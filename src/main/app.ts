import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { randomBytes } from 'node:crypto'
import type { ServiceState, Session } from '../shared/domain'
import type { Settings } from '../shared/settings'
import { registerBuiltinCommands } from './core/commands/builtin'
import { CommandRegistry } from './core/commands/registry'
import { CommandRunner } from './core/commands/runner'
import type { Actor } from './core/commands/types'
import { ChatService } from './core/chat/chat-service'
import { openDb, type Db, type OpenDbOptions } from './core/db/open-db'
import { createDispatch, type Dispatch } from './core/dispatch'
import { EventBus } from './core/event-bus'
import { exportEvidence } from './core/export/evidence'
import { IncidentService } from './core/incidents/incident-service'
import { EventLog } from './core/log/event-log'
import { searchLog } from './core/search'
import { startFtsIndexer } from './core/fts-index'
import { SettingsService } from './core/settings/settings-service'
import { StatusService } from './core/status/status-service'
import { SuggestService } from './core/suggest/suggest-service'
import { suggestionAcceptance } from './core/suggest/acceptance'
import { pushCommittedEvents } from './core/timeline/push'
import { Vault, type SecretCipher } from './core/vault/vault'
import { Integrations } from './core/integrations/integrations'
import { OutboxWorker } from './core/outbox/outbox-worker'
import { installAlerts, type Alerts, type AlertsDeps } from './core/alerts'
import { installSync } from './core/sync'
import { IntakeService } from './core/evidence/intake-service'
import { installSlackMirror, type SlackMirror, type SlackMirrorDeps } from './core/mirror'

export interface CoreOptions {
  dataDir: string
  cipher: SecretCipher
  mode: Session['mode']
  version: string
  nativeBinding?: string
  settingsOverrides?: Partial<Settings>
  /** Test and bench seams for alert intake: explicit AWS keys, a fixed listen port. */
  alerts?: Pick<AlertsDeps, 'clients' | 'clientOptions' | 'listen'>
  /** Shorter Slack timeouts and polling for tests and benches. */
  slackTuning?: SlackMirrorDeps['tuning']
  /** Folder with suggest-prior.json and other shipped data. */
  resourcesDir?: string
  /** Largest upload in bytes (default 50 MB; VIRGIL_UPLOAD_LIMIT_MB in serve and desktop). */
  uploadLimitBytes?: number
  now?: () => number
}

export interface Core {
  db: Db
  log: EventLog
  bus: EventBus
  dispatch: Dispatch
  settings: SettingsService
  incidents: IncidentService
  chat: ChatService
  runner: CommandRunner
  integrations: Integrations
  outbox: OutboxWorker
  status: StatusService
  alerts: Alerts
  slackMirror: SlackMirror
  sync: ReturnType<typeof installSync>
  intake: IntakeService
  session(): Session
  actor(): Actor
  close(): Promise<void>
}

/** The composition root: builds every core service from configuration and platform adapters. */
export function createCore(opts: CoreOptions): Core {
  mkdirSync(opts.dataDir, { recursive: true })
  const dbOptions: OpenDbOptions = opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}
  const db = openDb(join(opts.dataDir, 'virgil.db'), dbOptions)
  const vault = new Vault(db, opts.cipher)
  const origin = workstationId(db)
  const log = new EventLog(db, origin, vault.chainKey(), opts.now)
  const bus = new EventBus()
  const disposers: (() => void)[] = [pushCommittedEvents(db, log, bus), startFtsIndexer(db, log)]
  const settings = new SettingsService(db, log, vault, opts.settingsOverrides)
  const incidents = new IncidentService(db, log)
  const registry = new CommandRegistry()
  const runner = new CommandRunner(db, log, registry)
  const chat = new ChatService(db, log, incidents, runner)
  const intake = new IntakeService(db, log, incidents, { dataDir: opts.dataDir, ...(opts.uploadLimitBytes ? { limitBytes: opts.uploadLimitBytes } : {}) })
  const integrations = new Integrations(settings)
  registerBuiltinCommands(registry, integrations, intake)
  const status = new StatusService(db, settings, bus)
  disposers.push(status.start())
  const report = (service: string, state: ServiceState, detail: string): void => status.report(service, state, detail)
  const outbox = new OutboxWorker(db, log, report)
  disposers.push(settings.onChange(() => outbox.unpark()))
  const slackMirror = installSlackMirror({ db, log, outbox, settings, chat, incidents, runner, status, ...(opts.slackTuning ? { tuning: opts.slackTuning } : {}) })
  const suggest = new SuggestService(db, log, registry, join(opts.resourcesDir ?? resolve('resources'), 'suggest-prior.json'))
  disposers.push(suggest.start())
  runner.recoverInterrupted()
  const alerts = installAlerts({ db, log, bus, outbox, settings, status, ...opts.alerts })
  const sync = installSync({ db, log, outbox, report }, settings)
  disposers.push(outbox.start())

  const actor = (): Actor => {
    const name = settings.current().analyst.name
    return { id: `analyst:${name.toLowerCase().replace(/\s+/g, '.')}`, name, role: 'analyst', via: 'app' }
  }
  const session = (): Session => ({ user: { id: actor().id, name: actor().name, role: 'analyst' }, origin, mode: opts.mode, version: opts.version })

  let closed = false
  const dispatch = createDispatch({
    'session:get': async () => session(),
    'incident:list': async (i) => incidents.list(i.scope),
    'incident:get': async (i) => incidents.get(i.id),
    'incident:create': async (i, a) => incidents.create(i, a),
    'incident:update': async (i, a) => incidents.update(i, a),
    'timeline:get': async (i) => chat.timeline(i.incidentId, i.beforeSeq, i.limit),
    'chat:send': async (i, a) => chat.send(i, a),
    'message:mark': async (i, a) => chat.mark(i.messageId, i.mark, a),
    'command:confirm': async (i, a) => {
      runner.confirm(i.runId, i.confirm, a)
      return chat.byRun(i.runId)
    },
    'command:list': async () => registry.list(),
    'suggest:get': async (i) => suggest.forIncident(incidents.require(i.incidentId)),
    'suggest:stats': async () => suggestionAcceptance(db),
    'search:query': async (i) => searchLog(db, i.query, i.limit),
    'settings:get': async () => settings.view(),
    'settings:update': async (i, a) => settings.update(i.patch, a),
    'secret:set': async (i, a) => settings.setSecret(i.name, i.value, a),
    'status:get': async () => status.current(),
    'incident:export': async (i, a) => exportEvidence(db, log, vault.chainKey(), i.id, a.name),
    'upload:begin': async (i, a) => intake.begin(i, a),
    'upload:chunk': async (i, a) => intake.chunk(i, a),
    'upload:finish': async (i, a) => intake.finish(i, a),
    'upload:abort': async (i, a) => intake.abort(i, a)
  })

  return {
    db,
    log,
    bus,
    dispatch,
    settings,
    incidents,
    chat,
    runner,
    integrations,
    outbox,
    status,
    alerts,
    slackMirror,
    sync,
    intake,
    session,
    actor,
    async close() {
      if (closed) return
      closed = true
      await alerts.close()
      await sync.close()
      runner.cancelAll()
      await runner.idle()
      await slackMirror.close()
      await intake.close()
      await outbox.idle()
      for (const d of disposers.reverse()) d()
      db.close()
    }
  }
}

function workstationId(db: Db): string {
  const row = db.prepare(`SELECT value FROM meta WHERE key = 'origin'`).get() as { value: string } | undefined
  if (row) return row.value
  const id = `ws${randomBytes(4).toString('hex')}`
  db.prepare(`INSERT INTO meta (key, value) VALUES ('origin', ?)`).run(id)
  return id
}
