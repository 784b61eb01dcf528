import { applyEvent } from './core/projections/apply'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { homedir, userInfo } from 'node:os'
import { randomBytes } from 'node:crypto'
import type { ServiceState, Session } from '../shared/domain'
import { SECRET_NAMES } from '../shared/settings'
import { registerBuiltinCommands } from './core/commands/builtin'
import { CommandRegistry } from './core/commands/registry'
import { CommandRunner } from './core/commands/runner'
import type { Actor } from './core/commands/types'
import { ChatService } from './core/chat/chat-service'
import { openDb, type Db, type OpenDbOptions } from './core/db/open-db'
import { createDispatch, type Dispatch, type Handlers } from './core/dispatch'
import { deferCommits } from './core/db/unsafe-defer-commit'
import { DisposableStore } from './core/lifecycle'

import { EventBus } from './core/event-bus'
import { exportEvidence } from './core/export/evidence'
import { computeKpis } from './core/kpi'
import { renderReport, type PdfPrinter } from './core/report'
import { IncidentService } from './core/incidents/incident-service'
import { EventLog } from './core/log/event-log'
import { searchLog } from './core/search/search-log'
import { startSearchIndexer } from './core/search/search-index'
import { ArchiveService } from './core/archive/archive-service'
import { startArchiveIndexer } from './core/archive/archive-facets'
import { listArchived } from './core/archive/archive-list'
import { CheckpointService } from './core/archive/checkpoint-service'
import { importArchive } from './core/archive/import-archive'
import { readOnlyDispatch } from './core/archive/read-only'
import { archivedBlobs } from './core/archive/archived-blobs'
import { SettingsService, type SettingsOverrides } from './core/settings/settings-service'
import { StatusService } from './core/status/status-service'
import { SuggestService } from './core/suggest/suggest-service'
import { suggestionAcceptance } from './core/suggest/acceptance'
import { pushCommittedEvents } from './core/timeline/push'
import { Vault, type SecretCipher } from './core/vault/vault'
import { Integrations } from './core/integrations/integrations'
import { OutboxWorker } from './core/outbox/outbox-worker'
import { installAlerts, type Alerts, type AlertsDeps } from './core/alerts'
import { installSync } from './core/sync'
import { installCheckpointCopies } from './core/sync/checkpoint-copy'
import { IntakeService } from './core/evidence/intake-service'
import { installSlackMirror, type SlackMirror, type SlackMirrorDeps } from './core/mirror'
import { installTeam, type Team } from './core/team'

export interface CoreOptions {
  dataDir: string
  cipher: SecretCipher
  mode: Session['mode']
  version: string
  nativeBinding?: string
  settingsOverrides?: SettingsOverrides
  /** How long VirusTotal and RDAP lookups wait for an answer (tests shorten it). */
  lookupTimeoutMs?: number
  /** Test and bench seams for alert intake: explicit AWS keys, a fixed listen port. */
  alerts?: Pick<AlertsDeps, 'clients' | 'clientOptions' | 'listen'>
  /** Shorter Slack timeouts and polling for tests and benches. */
  slackTuning?: SlackMirrorDeps['tuning']
  /** Folder with suggest-prior.json and other shipped data. */
  resourcesDir?: string
  /** Where checkpoints of the log are written: outside the data directory. */
  checkpointDir?: string
  /** Review mode: this core shows a portable archive read-only (dataDir is a scratch folder). */
  archiveFile?: string
  /** Largest upload in bytes (default 50 MB; VIRGIL_UPLOAD_LIMIT_MB in serve and desktop). */
  uploadLimitBytes?: number
  now?: () => number
  /** TEST-ONLY negative control for the crash harness: acknowledge writes before they are committed. */
  unsafeDeferCommitMs?: number
  /** Who sits at this workstation, when set up without the first-run dialog (VIRGIL_IDENTITY_NAME/_HANDLE). */
  identity?: { name: string; handle: string }
  /** Prints evidence reports to PDF (Electron's printToPDF, or Chromium over CDP); none leaves PDF off. */
  pdf?: PdfPrinter
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
  checkpoints: CheckpointService
  archive: ArchiveService
  intake: IntakeService
  team: Team
  session(): Session
  actor(): Actor
  close(): Promise<void>
}

/** The composition root: builds every core service from configuration and platform adapters. */
export function createCore(opts: CoreOptions): Core {
  mkdirSync(opts.dataDir, { recursive: true })
  const dbOptions: OpenDbOptions = opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}
  // Everything that subscribes, polls, listens or registers is owned here; close() undoes it newest first.
  const owned = new DisposableStore('core')
  const db = openDb(join(opts.dataDir, 'virgil.db'), dbOptions)
  owned.add(() => {
    db.close()
  }, 'database')
  if (opts.unsafeDeferCommitMs) owned.add(deferCommits(db, opts.unsafeDeferCommitMs), 'deferred commits')
  const vault = new Vault(db, opts.cipher)
  const origin = workstationId(db)
  const log = new EventLog(db, origin, vault.chainKey(), applyEvent, opts.now)
  const bus = new EventBus()
  const hiddenNow = { incidents: (): ReadonlySet<string> => new Set<string>() } // set once the team is up
  owned.add(pushCommittedEvents(db, log, bus, () => hiddenNow.incidents()), 'timeline push')
  owned.add(startSearchIndexer(db, log), 'search indexer')
  const opened = opts.archiveFile ? importArchive(db, opts.archiveFile, dbOptions) : undefined
  // Checkpoints and the archive index stop after everything that still writes events.
  const checkpoints = new CheckpointService(db, log, vault, { dir: opts.checkpointDir ?? join(homedir(), '.config', 'virgil', 'checkpoints') })
  if (!opened) owned.add(checkpoints.start(), 'checkpoints')
  owned.add(startArchiveIndexer(db, log), 'archive indexer')
  const settings = new SettingsService(db, log, vault, opts.settingsOverrides)
  const incidents = new IncidentService(db, log)
  const registry = new CommandRegistry()
  const runner = new CommandRunner(db, log, registry)
  const team = installTeam({ db, log, settings, isCommand: (text) => runner.isCommand(text), ...(opts.mode === 'desktop' ? { suggestedName: osUserName() } : {}), ...(opts.now ? { now: opts.now } : {}) })
  hiddenNow.incidents = () => team.hidden(team.actor())
  if (opts.identity) team.presetIdentity(opts.identity)
  owned.add(() => team.close(), 'team')
  const chat = new ChatService(db, log, incidents, runner)
  const intake = new IntakeService(db, log, incidents, { dataDir: opts.dataDir, ...(opts.uploadLimitBytes ? { limitBytes: opts.uploadLimitBytes } : {}) })
  owned.add(() => intake.close(), 'evidence intake')
  const integrations = owned.add(new Integrations(settings, opts.lookupTimeoutMs === undefined ? {} : { lookupTimeoutMs: opts.lookupTimeoutMs }), 'integrations')
  registerBuiltinCommands(registry, integrations, intake)
  const status = new StatusService(db, settings, bus)
  owned.add(status.start(), 'status')
  const report = (service: string, state: ServiceState, detail: string, source?: string): void => status.report(service, state, detail, source)
  runner.reportHealthTo(report)
  const outbox = new OutboxWorker(db, log, report)
  owned.add(settings.onChange(() => outbox.unpark()), 'outbox unpark')
  owned.add(() => outbox.idle(), 'outbox in flight')
  const slackMirror = installSlackMirror({
    ...{ db, log, outbox, settings, chat, incidents, runner, status, ...(opts.slackTuning ? { tuning: opts.slackTuning } : {}) },
    roster: team.roster,
    readBlob: (sha256) => intake.readBlob(sha256),
    sealIncident: (id) => checkpoints.sealIncident(id)
  })
  const suggest = new SuggestService(db, log, registry, join(opts.resourcesDir ?? resolve('resources'), 'suggest-prior.json'))
  owned.add(() => slackMirror.close(), 'Slack mirror')
  owned.add(suggest.start(), 'suggestions')
  runner.recoverInterrupted()
  owned.add(async () => {
    runner.cancelAll()
    await runner.idle()
  }, 'command runs')
  const alerts = installAlerts({ db, log, bus, outbox, settings, status, ...opts.alerts })
  owned.add(() => alerts.close(), 'alerts')
  const sync = installSync({ db, log, outbox, report, blobs: { read: (sha) => intake.readLocal(sha), put: (bytes) => intake.store.putBytes(bytes) } }, settings)
  intake.setRemote((sha) => sync.current()?.fetchBlob(sha) ?? Promise.resolve(false))
  owned.add(() => sync.close(), 'sync')
  if (!opened) owned.add(installCheckpointCopies({ log, outbox, checkpoints, sync: () => sync.current() }), 'checkpoint copies')
  const stopOutbox = outbox.start()
  owned.add(async () => {
    stopOutbox()
    await outbox.idle()
  }, 'outbox')
  const archive = new ArchiveService({ db, log, incidents, checkpoints, chainKey: vault.chainKey(), dataDir: opts.dataDir, blobsOf: (id) => archivedBlobs(db, intake.store, id), ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) })

  const actor = (): Actor => team.actor()
  const session = (): Session => {
    const { identity, ...user } = team.user()
    return { user, ...(identity ? { identity } : {}), origin, mode: opts.mode, version: opts.version, ...(opened ? { archive: opened } : {}) }
  }

  const reportDeps = {
    db,
    key: vault.chainKey(),
    secrets: () => SECRET_NAMES.map((n) => vault.get(n)).filter((v): v is string => Boolean(v)),
    ...(opts.pdf ? { pdf: opts.pdf } : {})
  }

  const handlers: Handlers = {
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
    'suggest:stats': async (_i, a) => suggestionAcceptance(db, suggest.feedback.pendingByKind(), team.hidden(a)),
    'suggest:dismiss': async (i, a) => suggest.dismiss(incidents.require(i.incidentId).id, i.command, a),
    'search:query': async (i) => searchLog(db, i.query, i.limit, i.filters),
    'settings:get': async () => settings.view(),
    'settings:update': async (i, a) => settings.update(i.patch, a),
    'secret:set': async (i, a) => settings.setSecret(i.name, i.value, a),
    'status:get': async () => status.current(),
    'incident:export': async (i, a) => exportEvidence(db, log, vault.chainKey(), i.id, a.name),
    'incident:reopen': async (i, a) => archive.reopen(i.id, i.reason, a),
    'archive:list': async (i) => listArchived(db, i.filters, i.offset, i.limit),
    'archive:timeline': async (i) => archive.timeline(i.id),
    'archive:verify': async (i) => (opened ? opened.verification : archive.verify(i.id)),
    'archive:export': async (i, a) => archive.exportPortable(i.id, a),
    'report:render': async (i, a) => renderReport(reportDeps, i.id, i.format, a.name),
    'kpi:get': async (i, a) => computeKpis(db, i, settings.current().sla, (opts.now ?? Date.now)(), team.hidden(a)),
    'upload:begin': async (i, a) => intake.begin(i, a),
    'upload:chunk': async (i, a) => intake.chunk(i, a),
    'upload:finish': async (i, a) => intake.finish(i, a),
    'upload:abort': async (i, a) => intake.abort(i, a),
    ...team.handlers(session)
  }
  const guarded = team.guard(handlers)
  const dispatch = createDispatch(opened ? readOnlyDispatch(guarded, opened) : guarded, team.authorize)

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
    checkpoints,
    archive,
    intake,
    team,
    session,
    actor,
    close: () => owned.dispose()
  }
}

function workstationId(db: Db): string {
  const row = db.prepare(`SELECT value FROM meta WHERE key = 'origin'`).get() as { value: string } | undefined
  if (row) return row.value
  const id = `ws${randomBytes(4).toString('hex')}`
  db.prepare(`INSERT INTO meta (key, value) VALUES ('origin', ?)`).run(id)
  return id
}

function osUserName(): string | undefined {
  try {
    return userInfo().username || undefined
  } catch {
    return undefined
  }
}
