import { existsSync } from 'node:fs'
import type { Incident, Suggestions, UserRef } from '../../../shared/domain'
import type { CommandRegistry } from '../commands/registry'
import type { Db } from '../db/open-db'
import type { EventLog } from '../log/event-log'
import { SuggestionFeedback } from './feedback'
import { indicatorsIn } from './prefill'
import { freshFirst, freshLine, normaliseLine } from './fresh-first'
import { evidenceIndicatorText } from '../evidence/blob-api'
import { readPriorFile } from './prior'
import { createSuggester, type Suggester } from './suggester'
import type { SuggestCase } from './types'
import { incidentIds, incidentSummary } from '../incidents/incident-repo'
import { commandOfRun, succeededCommands, succeededLines } from '../commands/command-run-repo'
import { recentLines } from '../chat/message-repo'

/**
 * Wires the suggestion engine to the log: every incident is a case (its text, intake source, leader
 * and the commands analysts ran, in order), kept up to date as events commit.
 */
export class SuggestService {
  private suggester: Suggester | undefined
  /** What became of the suggestions shown (acceptance by kind). */
  readonly feedback: SuggestionFeedback

  constructor(
    private readonly db: Db,
    private readonly log: EventLog,
    private readonly registry: CommandRegistry,
    private readonly priorPath?: string
  ) {
    this.feedback = new SuggestionFeedback(log)
  }

  start(): () => void {
    return this.log.onCommit((events) => {
      this.feedback.observe(events)
      if (!this.suggester) return
      for (const e of events) {
        if (!e.incidentId) continue
        if (e.type === 'incident.opened' || (e.type === 'incident.updated' && hasTextChange(e.payload))) {
          const c = this.caseFor(e.incidentId)
          if (c) this.suggester.updateCase(c)
        } else if (e.type === 'command.finished' && e.payload.status === 'ok') {
          const runId = e.payload.runId
          const command = typeof runId === 'string' ? commandOfRun(this.db, runId) : undefined
          if (command) this.suggester.appendCommand(e.incidentId, command)
        }
      }
    })
  }

  async forIncident(incident: Incident): Promise<Suggestions> {
    const engine = this.engine()
    const history = this.commandsOf(incident.id)
    const text = `${incident.title}\n${incident.description}`
    const known = new Set(this.registry.list().map((c) => c.path.join(' ')))
    const indicators = indicatorsIn([text, evidenceIndicatorText(this.db, incident.id), ...this.recentLines(incident.id)])
    const ran = new Set(succeededLines(this.db, incident.id).map(normaliseLine))
    const ranked = engine
      .next({ text, source: incident.source, history, k: 10, caseId: incident.id })
      .filter((s) => known.has(s.command))
      .map((s) => ({ ...s, ...freshLine(s.command, indicators, ran) }))
    // What this room already ran goes last: the engine may rank a repeat high (playbooks repeat),
    // but its output is on screen already.
    const next = freshFirst(ranked)
      .slice(0, 5)
      // Commands run only from a line starting with "!" (or "/"): the line says so.
      .map((s) => ({ command: s.command, line: `!${s.line}`, reason: s.reason, kind: s.kind, support: s.support, score: s.score }))
    this.feedback.shown(incident.id, next.map((s, i) => ({ command: s.command, kind: s.kind, rank: i + 1 })))
    const flow = engine.flow({ text, source: incident.source, history, caseId: incident.id })
    const similarIds = engine.similar({ text, source: incident.source, k: 6, caseId: incident.id }).filter((s) => s.id !== incident.id).slice(0, 5)
    const similar = similarIds.flatMap((s) => {
      const row = incidentSummary(this.db, s.id)
      return row ? [{ id: row.id, number: row.number, title: row.title, status: row.status, score: s.score }] : []
    })
    const experts = engine.experts(similar.map((s) => s.id)).map((e) => ({ name: e.analyst, count: e.cases }))
    return { next, flow: { steps: flow.steps.filter((s) => known.has(s.command)), basedOn: flow.basedOn }, similar, experts }
  }

  dismiss(incidentId: string, command: string, actor: UserRef): { dismissed: boolean } {
    return { dismissed: this.feedback.dismiss(incidentId, command, actor) }
  }

  /** Built on first use, so start-up stays fast; then kept current incrementally. */
  private engine(): Suggester {
    if (this.suggester) return this.suggester
    const prior = this.priorPath && existsSync(this.priorPath) ? readPriorFile(this.priorPath) : undefined
    const engine = createSuggester(prior ? { prior } : {})
    for (const id of incidentIds(this.db, 'all')) {
      const c = this.caseFor(id)
      if (c) engine.addCase(c)
    }
    this.suggester = engine
    return engine
  }

  private caseFor(incidentId: string): SuggestCase | undefined {
    const row = incidentSummary(this.db, incidentId)
    if (!row) return undefined
    return { id: row.id, text: `${row.title}\n${row.description}`, source: row.source, commands: this.commandsOf(row.id), handledBy: row.leader }
  }

  private commandsOf(incidentId: string): string[] {
    return succeededCommands(this.db, incidentId)
  }

  private recentLines(incidentId: string): string[] {
    return recentLines(this.db, incidentId)
  }
}

function hasTextChange(payload: Record<string, unknown>): boolean {
  const changes = (payload.changes ?? {}) as Record<string, unknown>
  return 'title' in changes || 'leader' in changes
}
