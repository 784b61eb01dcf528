import type { ServiceState } from '../../../shared/domain'
import type { ErrorInfo } from '../../../shared/errors'
import { toInfo } from '../commands/runner'
import type { Db } from '../db/open-db'
import type { EventDraft, EventLog, OutboxDraft } from '../log/event-log'
import type { OutboxKind } from '../log/events'
import { onFailure } from './backoff'
import { laneHeads, markDelivered, markFailed, pendingCount, unparkKinds } from './outbox-repo'

export interface OutboxItem {
  id: number
  key: string
  kind: string
  lane: string
  incidentId: string | null
  payload: Record<string, unknown>
  attempts: number
}

export interface Delivery {
  /** Recorded in the outbox.delivered event. */
  outcome: Record<string, unknown>
  /** Extra events written in the same transaction (ticket.created, slack.linked, ...). */
  events?: EventDraft[]
  /** Follow-up side effects (e.g. post in the thread of the message just posted). */
  followUps?: OutboxDraft[]
}

export interface OutboxHandler {
  kind: OutboxKind
  /** The name shown in the top bar's status pills. */
  service: string
  describe(item: OutboxItem): string
  deliver(item: OutboxItem): Promise<Delivery>
  /** The handler's module reports its service's health itself (e.g. Sync's connection state). */
  ownsStatus?: boolean
}

/** `source` tells apart reporters of one service (outbox lanes, a connection), each kept on its own. */
export type StatusReporter = (service: string, state: ServiceState, detail: string, source?: string) => void

const SYSTEM = { id: 'system', name: 'Virgil' }

/**
 * Delivers queued side effects: in order within a lane, lanes in parallel, with retries, backoff,
 * the service's own rate limits, and every outcome recorded as an event. Survives restarts:
 * the queue is a table written in the same transaction as the event that caused it.
 */
export class OutboxWorker {
  private readonly handlers = new Map<string, OutboxHandler>()
  private readonly busyLanes = new Set<string>()
  private timer: NodeJS.Timeout | undefined
  private running = false
  private stopped = false
  private readonly inFlight = new Set<Promise<void>>()

  constructor(
    private readonly db: Db,
    private readonly log: EventLog,
    private readonly report: StatusReporter,
    private readonly opts: { pollMs?: number; now?: () => number } = {}
  ) {}

  /** Registers handlers by kind; the returned function unregisters them (if still the same ones). */
  register(...handlers: OutboxHandler[]): () => void {
    for (const h of handlers) this.handlers.set(h.kind, h)
    return () => {
      for (const h of handlers) if (this.handlers.get(h.kind) === h) this.handlers.delete(h.kind)
    }
  }

  start(): () => void {
    this.stopped = false
    const unsubscribe = this.log.onCommit(() => this.kick())
    this.kick()
    return () => {
      unsubscribe()
      this.stopped = true
      if (this.timer) clearTimeout(this.timer)
    }
  }

  /** Try now rather than at the next poll (new items, settings changed). */
  kick(): void {
    if (this.stopped) return
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.pass(), 0)
  }

  /** Parked items get another chance once a human changed something (new token, new settings). */
  unpark(kindPrefix?: string): number {
    const changes = unparkKinds(this.db, kindPrefix ?? '', this.now())
    if (changes) this.kick()
    return changes
  }

  /** Waits until nothing is pending (tests, shutdown). */
  async drain(timeoutMs = 10_000): Promise<void> {
    const end = Date.now() + timeoutMs
    while (Date.now() < end) {
      await this.pass()
      await Promise.all(this.inFlight)
      if (pendingCount(this.db) === 0) return
      await new Promise((r) => setTimeout(r, 20))
    }
  }

  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.all(this.inFlight)
  }

  private now(): number {
    return (this.opts.now ?? Date.now)()
  }

  private async pass(): Promise<void> {
    if (this.running || this.stopped) return
    this.running = true
    try {
      const heads = laneHeads(this.db)
      let nextDue = Infinity
      for (const row of heads) {
        const lane = String(row.lane)
        const due = Number(row.next_at)
        if (this.busyLanes.has(lane)) continue
        if (due > this.now()) {
          nextDue = Math.min(nextDue, due)
          continue
        }
        const handler = this.handlers.get(String(row.kind))
        if (!handler) continue
        this.busyLanes.add(lane)
        const p = this.attempt(handler, toItem(row)).finally(() => {
          this.busyLanes.delete(lane)
          this.inFlight.delete(p)
          this.kick()
        })
        this.inFlight.add(p)
      }
      const wait = Math.min(Number.isFinite(nextDue) ? nextDue - this.now() : Infinity, this.opts.pollMs ?? 5_000)
      if (!this.stopped) {
        if (this.timer) clearTimeout(this.timer)
        this.timer = setTimeout(() => void this.pass(), Math.max(10, wait))
      }
    } finally {
      this.running = false
    }
  }

  private async attempt(handler: OutboxHandler, item: OutboxItem): Promise<void> {
    const attempts = item.attempts + 1
    try {
      const delivery = await handler.deliver({ ...item, attempts })
      this.log.append(
        [
          {
            type: 'outbox.delivered',
            incidentId: item.incidentId,
            actor: SYSTEM,
            payload: { key: item.key, kind: item.kind, attempts, outcome: delivery.outcome }
          },
          ...(delivery.events ?? []),
          ...(attempts > 1 && item.incidentId ? [note(item.incidentId, `${handler.describe(item)}: delivered after ${attempts} attempts.`)] : [])
        ],
        () => {
          markDelivered(this.db, item.id, attempts, this.now())
          return delivery.followUps ?? []
        }
      )
      if (!handler.ownsStatus) this.report(handler.service, 'ok', 'delivering normally', `lane:${item.lane}`)
    } catch (err) {
      this.fail(handler, item, attempts, toInfo(err))
    }
  }

  private fail(handler: OutboxHandler, item: OutboxItem, attempts: number, error: ErrorInfo): void {
    const action = onFailure(error, attempts)
    const parked = action.kind === 'park'
    const drafts: EventDraft[] = [
      { type: 'outbox.failed', incidentId: item.incidentId, actor: SYSTEM, payload: { key: item.key, kind: item.kind, attempts, error: { ...error }, parked } }
    ]
    // One line in the room when trouble starts or needs a human; not one per retry.
    if (item.incidentId && (attempts === 1 || parked)) {
      const next = parked ? 'It is on hold until this is fixed in Settings; nothing is lost.' : 'Virgil keeps retrying; nothing is lost.'
      drafts.push(note(item.incidentId, `${handler.describe(item)} failed: ${error.message} ${next}`))
    }
    this.log.append(drafts, () => {
      markFailed(this.db, item.id, { parked, attempts, nextAt: parked ? 0 : this.now() + action.delayMs, error: JSON.stringify(error) })
      return []
    })
    const state: ServiceState = parked || attempts >= 3 ? 'down' : 'degraded'
    if (!handler.ownsStatus) this.report(handler.service, state, error.message, `lane:${item.lane}`)
  }
}

function note(incidentId: string, text: string): EventDraft {
  return { type: 'system.noted', incidentId, actor: SYSTEM, payload: { text, via: 'system', at: Date.now() } }
}

function toItem(row: Record<string, unknown>): OutboxItem {
  return {
    id: Number(row.id),
    key: String(row.key),
    kind: String(row.kind),
    lane: String(row.lane),
    incidentId: (row.incident_id as string | null) ?? null,
    payload: JSON.parse(String(row.payload)) as Record<string, unknown>,
    attempts: Number(row.attempts)
  }
}
