import { reportLookup, type HealthReporter } from './service-health'
import { ulid } from 'ulid'
import { isCommandLine, parseArgs, stripCommandPrefix, tokenize } from '../../../shared/command-grammar'
import type { CommandOutput } from '../../../shared/command-output'
import { isVirgilError, VirgilError, type ErrorInfo } from '../../../shared/errors'
import type { Db } from '../db/open-db'
import type { EventLog } from '../log/event-log'
import type { CommandRegistry } from './registry'
import { confirmRefusal } from '../access/authorize'
import type { Actor, CommandSpec } from './types'
import { createLogger } from '../logger'
import { incidentSummary } from '../incidents/incident-repo'
import { findRun, runningRuns } from './command-run-repo'

const logger = createLogger('commands')

export interface RunRequest {
  incidentId: string
  line: string
  actor: Actor
  replyTo?: string
  replyText?: string
  incidentText?: string
  via?: 'app' | 'slack'
  suggestionRank?: number
}

const RUN_TIMEOUT_MS = 120_000

/**
 * Runs chat command lines: parse (no shell, ever), validate, confirm when dangerous, execute in main,
 * and record start and finish as events. Output reaches the room through the log's push.
 */
export class CommandRunner {
  private readonly inFlight = new Map<string, AbortController>()
  private readonly pendingContext = new Map<string, { replyText?: string }>()
  private health: HealthReporter | undefined

  constructor(
    private readonly db: Db,
    private readonly log: EventLog,
    private readonly registry: CommandRegistry
  ) {}

  /** Where lookups report their service's health (the top bar). */
  reportHealthTo(report: HealthReporter): void {
    this.health = report
  }

  /** True when the line is meant to run: it starts with `!` (or `/` and a command word). */
  isCommand(text: string): boolean {
    return isCommandLine(text, this.registry.words())
  }

  /** Records the run and starts it; resolves with the run id once the start is in the log. */
  start(req: RunRequest): string {
    const runId = ulid()
    const line = req.line.trim()
    let spec: CommandSpec<unknown> | undefined
    let args: unknown
    let failure: ErrorInfo | undefined
    try {
      const parsed = this.parse(line)
      spec = parsed.spec
      args = parsed.args
    } catch (err) {
      failure = toInfo(err)
    }
    const danger = spec?.danger ?? 'safe'
    const needsConfirm = !failure && danger === 'dangerous'
    if (needsConfirm && req.actor.role === 'viewer') {
      failure = { code: 'FORBIDDEN', message: `${req.actor.name} may not run ${spec?.path.join(' ')}: it changes production systems and needs an analyst role.` }
    }
    const startedStatus = failure ? 'error' : needsConfirm ? 'awaiting-confirmation' : 'running'
    this.log.append([
      {
        type: 'command.started',
        incidentId: req.incidentId,
        actor: req.actor,
        payload: {
          runId,
          line,
          command: spec ? spec.path.join(' ') : (tokenSafe(line)[0] ?? ''),
          args: (args ?? null) as Record<string, unknown>,
          status: startedStatus,
          danger,
          via: req.via ?? 'app',
          replyTo: req.replyTo,
          suggestionRank: req.suggestionRank,
          at: Date.now()
        }
      }
    ])
    if (failure) this.finish(req, runId, 0, { status: 'error', error: failure })
    else if (!needsConfirm && spec) void this.execute(req, runId, spec, args)
    else if (req.replyText !== undefined) this.pendingContext.set(runId, { replyText: req.replyText })
    return runId
  }

  /** Confirm or cancel a dangerous run that is waiting. */
  confirm(runId: string, confirm: boolean, actor: Actor): void {
    const run = findRun(this.db, runId)
    if (!run) throw new VirgilError('NOT_FOUND', 'That command run does not exist.')
    if (run.status !== 'awaiting-confirmation') throw new VirgilError('CONFLICT', `That command is already ${run.status}; nothing to confirm.`)
    const refusal = confirm ? confirmRefusal(actor) : undefined
    if (refusal) throw new VirgilError('FORBIDDEN', refusal)
    this.log.append([{ type: 'command.confirmed', incidentId: run.incident_id, actor, payload: { runId, confirm, at: Date.now() } }])
    if (!confirm) return
    const { spec, args } = this.parse(run.line)
    const incident = incidentSummary(this.db, run.incident_id)
    const req: RunRequest = { incidentId: run.incident_id, line: run.line, actor: { ...actor }, ...(incident ? { incidentText: `${incident.title}\n${incident.description}` } : {}) }
    const ctx = this.pendingContext.get(runId)
    if (ctx?.replyText !== undefined) req.replyText = ctx.replyText
    this.pendingContext.delete(runId)
    void this.execute(req, runId, spec, args, true)
  }

  /** Closes runs that were in flight when Virgil stopped, so nobody waits on them forever. */
  recoverInterrupted(): number {
    const rows = runningRuns(this.db)
    for (const r of rows) {
      this.log.append([
        {
          type: 'command.finished',
          incidentId: r.incident_id,
          actor: { id: 'system', name: 'Virgil' },
          payload: {
            runId: r.run_id,
            status: 'interrupted',
            error: { code: 'INTERNAL', message: 'Virgil stopped while this command was running. Run it again.' },
            at: Date.now()
          }
        }
      ])
    }
    return rows.length
  }

  cancelAll(): void {
    for (const c of this.inFlight.values()) c.abort(new VirgilError('INTERNAL', 'Virgil is shutting down.'))
  }

  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await new Promise((r) => setTimeout(r, 10))
  }

  private parse(line: string): { spec: CommandSpec<unknown>; args: unknown } {
    const tokens = tokenize(stripCommandPrefix(line))
    const match = this.registry.match(tokens)
    if (!match) {
      const family = this.registry.family(tokens[0] ?? '')
      const usages = family.map((s) => s.usage).join(' · ')
      throw new VirgilError('BAD_INPUT', usages ? `Unknown form of "${tokens[0]}". Usage: ${usages}` : `Unknown command "${tokens[0]}". Type !help for the list (a chat line that starts with ! runs as a command).`)
    }
    const { spec, rest } = match
    const raw = parseArgs(rest, spec.booleanFlags ?? [])
    const result = spec.args.safeParse(raw)
    if (!result.success) {
      const issue = result.error.issues[0]
      throw new VirgilError('BAD_INPUT', `${issue?.message ?? 'Invalid arguments'}. Usage: ${spec.usage}`)
    }
    return { spec, args: result.data }
  }

  private async execute(req: RunRequest, runId: string, spec: CommandSpec<unknown>, args: unknown, confirmed = false): Promise<void> {
    const controller = new AbortController()
    this.inFlight.set(runId, controller)
    const timer = setTimeout(() => controller.abort(new VirgilError('TIMEOUT', `${spec.path.join(' ')} took longer than ${RUN_TIMEOUT_MS / 1000} s and was stopped.`)), RUN_TIMEOUT_MS)
    const started = performance.now()
    try {
      const ctx = {
        actor: req.actor,
        incidentId: req.incidentId,
        signal: controller.signal,
        confirmed,
        ...(req.replyText !== undefined ? { replyText: req.replyText } : {}),
        ...(req.incidentText !== undefined ? { incidentText: req.incidentText } : {})
      }
      const output = await spec.run(args, ctx)
      this.finish(req, runId, performance.now() - started, { status: 'ok', output })
      reportLookup(this.health, spec.service, { ok: true })
    } catch (err) {
      const reason = controller.signal.aborted ? controller.signal.reason : err
      const error = toInfo(reason)
      this.finish(req, runId, performance.now() - started, { status: 'error', error })
      reportLookup(this.health, spec.service, { ok: false, error })
    } finally {
      clearTimeout(timer)
      this.inFlight.delete(runId)
    }
  }

  private finish(req: RunRequest, runId: string, durationMs: number, result: { status: string; output?: CommandOutput; error?: ErrorInfo }): void {
    this.log.append([
      {
        type: 'command.finished',
        incidentId: req.incidentId,
        actor: req.actor,
        payload: { runId, ...result, durationMs: Math.round(durationMs * 10) / 10, at: Date.now() }
      }
    ])
  }
}

function tokenSafe(line: string): string[] {
  try {
    return tokenize(stripCommandPrefix(line))
  } catch {
    return line.split(/\s+/)
  }
}

export function toInfo(err: unknown): ErrorInfo {
  if (isVirgilError(err)) return err.toInfo()
  logger.error('unexpected failure', { error: err })
  return { code: 'INTERNAL', message: `The command failed unexpectedly: ${err instanceof Error ? err.message : String(err)}` }
}
