import type { UserRef } from '../../../shared/domain'
import type { Db } from '../db/open-db'
import { canonicalJson } from './canonical'
import { chainName, eventHash, textToEvent, type EventText, type LogEvent } from './event'
import { HybridClock } from './hlc'
import { newEventId } from './ids'
import { payloadProblem, type EventPayload, type EventType, type OutboxKind } from './events'
import { quarantine } from './quarantine'
import { BurstScope } from './burst-scope'
import { ChainHeads } from './chain-heads'
import { stmt } from '../db/statements'
import { createLogger } from '../logger'

class SpoiledBurst extends Error {}

/** Applies one committed event to the projections (the log itself knows none of them). */
export type Projector = (db: Db, event: LogEvent, seq: number, burst?: BurstScope) => void

/** A local event to append, typed by the catalogue (log/events.ts). */
export type EventDraft = {
  [T in EventType]: { type: T; incidentId: string | null; actor: UserRef; payload: EventPayload<T> }
}[EventType]

export interface OutboxDraft {
  /** Idempotency key: a second insert with the same key is ignored, so nothing is sent twice. */
  key: string
  kind: OutboxKind
  /** Items in one lane are delivered in order (e.g. one Slack channel). */
  lane: string
  incidentId: string | null
  payload: Record<string, unknown>
  notBefore?: number
}

/**
 * The event as it came from the wire: its exact body (kept if it is quarantined, so it can be
 * judged again later) and its canonical payload when the caller already computed it.
 */
export interface WireCopy {
  data?: Uint8Array
  payloadJson?: string
}

/** Reacts to a committed-to-be local event inside its transaction, returning side effects to queue. */
export type IngestOutcome = 'applied' | 'duplicate' | 'gap' | 'quarantined'

const log = createLogger('log')

export type Reactor = (event: LogEvent, db: Db) => OutboxDraft[]
export type CommitListener = (events: LogEvent[]) => void

type EventRow = EventText & { seq: number }

/**
 * The head was moved on by a quarantined event that claimed the same link as this one (a forged
 * or corrupted sibling): this one is the real continuation, not a gap.
 */
function forgedSibling(db: Db, e: LogEvent, head: string): boolean {
  return !!stmt(db, 'SELECT 1 FROM quarantine WHERE origin = ? AND incident_id IS ? AND prev_hash = ? AND hash = ?').get(e.origin, e.incidentId, e.prevHash, head)
}

export function rowToEvent(r: EventRow): LogEvent & { seq: number } {
  return { seq: r.seq, ...textToEvent(r) }
}

/** The append-only log: every state change is an event, projected and chained in one transaction. */
export class EventLog {
  readonly clock: HybridClock
  private readonly reactors: Reactor[] = []
  private readonly listeners = new Set<CommitListener>()
  /** Chain heads this process wrote; the table stays the record (a rolled-back write clears it). */
  private readonly heads = new Map<string, string>()
  private deferred: LogEvent[] | null = null
  /** Inside `burst`'s first pass: events are written without a savepoint each. */
  private unguarded = false
  /** An unguarded write failed: the burst's transaction holds part of an event and must roll back. */
  private spoiled = false
  /** A burst's first pass: what its projections write once when it ends. */
  private burstScope: BurstScope | undefined

  /** A burst's first pass failed and will run again event by event: callers stop and let it. */
  get isBurstSpoiled(): boolean {
    return this.spoiled
  }
  private readonly insertEvent
  private readonly chainHeads: ChainHeads
  private readonly insertOutbox
  private readonly isKnown
  /** One transaction wrapper for every call (a savepoint when nested): building one per event costs. */
  private readonly tx: <T>(fn: () => T) => T

  constructor(
    private readonly db: Db,
    readonly origin: string,
    private readonly key: Buffer,
    /** Writes the read models in the event's own transaction; the composition root hands it in. */
    private readonly project: Projector,
    private readonly now: () => number = Date.now
  ) {
    this.clock = new HybridClock(origin, now)
    this.insertEvent = db.prepare(
      `INSERT INTO events (id, origin, hlc, type, incident_id, actor, payload, prev_hash, hash, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    )
    const wrapped = db.transaction((fn: () => unknown) => fn())
    this.tx = <T>(fn: () => T): T => wrapped(fn) as T
    this.isKnown = db.prepare('SELECT EXISTS (SELECT 1 FROM events WHERE id = ?) OR EXISTS (SELECT 1 FROM quarantine WHERE event_id = ?) AS known').pluck()
    this.chainHeads = new ChainHeads(db)
    this.insertOutbox = db.prepare(
      `INSERT INTO outbox (key, kind, lane, incident_id, payload, status, next_at, created_at)
       VALUES (@key, @kind, @lane, @incidentId, @payload, 'pending', @nextAt, @createdAt)
       ON CONFLICT(key) DO NOTHING`
    )
  }

  addReactor(reactor: Reactor): () => void {
    this.reactors.push(reactor)
    return () => {
      const at = this.reactors.indexOf(reactor)
      if (at >= 0) this.reactors.splice(at, 1)
    }
  }

  onCommit(listener: CommitListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Appends local events atomically; `alsoInTx` runs in the same transaction (e.g. extra outbox rows). */
  append(drafts: EventDraft[], alsoInTx?: (events: LogEvent[]) => OutboxDraft[]): LogEvent[] {
    const events = this.inTransaction(() => {
      const written: LogEvent[] = []
      for (const draft of drafts) written.push(this.writeLocal(draft))
      const effects = alsoInTx ? alsoInTx(written) : []
      for (const e of written) for (const r of this.reactors) effects.push(...r(e, this.db))
      for (const o of effects) this.queue(o)
      return written
    })
    this.emit(events)
    return events
  }

  appendOne(draft: EventDraft): LogEvent {
    const [event] = this.append([draft])
    return event as LogEvent
  }

  private inTransaction<T>(fn: () => T): T {
    try {
      return this.tx(fn)
    } catch (err) {
      this.heads.clear()
      throw err
    }
  }

  queue(o: OutboxDraft): void {
    const now = this.now()
    this.insertOutbox.run({
      key: o.key,
      kind: o.kind,
      lane: o.lane,
      incidentId: o.incidentId,
      payload: canonicalJson(o.payload),
      nextAt: o.notBefore ?? now,
      createdAt: now
    })
  }

  /**
   * Applies an event written by another workstation. It must continue its chain (per incident and
   * origin); a duplicate is ignored, a gap is refused so the transport redelivers in order. An event
   * whose payload does not fit the catalogue, that fails `check` (e.g. its content hash), or whose
   * projection fails is quarantined with the reason and never applied; it still moves its writer's
   * chain on, so the writer's later events are not mistaken for a gap.
   */
  ingest(remote: LogEvent, check?: (e: LogEvent) => string | null, subject?: string, wire?: WireCopy): IngestOutcome {
    if (remote.origin === this.origin) return 'duplicate'
    // Inside a burst's transaction the one savepoint around the write is enough (catch-up speed).
    const outcome = this.db.inTransaction ? this.ingestInTx(remote, check, subject, wire) : this.inTransaction(() => this.ingestInTx(remote, check, subject, wire))
    if (outcome === 'applied') this.told(remote)
    return outcome
  }

  private ingestInTx(remote: LogEvent, check: ((e: LogEvent) => string | null) | undefined, subject: string | undefined, wire: WireCopy | undefined): IngestOutcome {
    if (this.spoiled) throw new SpoiledBurst()
    const chain = chainName(remote.incidentId, remote.origin)
    const head = this.chainHeads.of(chain)
    // A known event never continues its chain's head (applied or quarantined, the head moved past
    // it), so only an event that does not continue it is looked up. One that does and reuses a known
    // id fails on the unique id and is quarantined.
    if (remote.prevHash !== head) {
      if (this.isKnown.get(remote.id, remote.id)) return 'duplicate'
      if (!forgedSibling(this.db, remote, head)) return 'gap'
    }
    const problem = payloadProblem(remote.type, remote.payload) ?? check?.(remote) ?? null
    if (problem) return this.hold(remote, chain, problem, subject, wire?.data)
    if (this.unguarded) {
      try {
        this.writeRemote(remote, chain, wire?.payloadJson)
      } catch (err) {
        this.spoiled = true
        throw err
      }
      this.clock.observe(remote.hlc)
      return 'applied'
    }
    try {
      this.tx(() => this.writeRemote(remote, chain, wire?.payloadJson))
    } catch (err) {
      return this.hold(remote, chain, `it could not be applied (${err instanceof Error ? err.message : String(err)})`, subject, wire?.data)
    }
    this.clock.observe(remote.hlc)
    return 'applied'
  }

  private writeRemote(remote: LogEvent, chain: string, payloadJson: string | undefined): void {
    this.write(remote, payloadJson)
    this.chainHeads.move(chain, remote.hash)
  }

  /**
   * Applies a replicated event that was quarantined and now passes (e.g. its author was promoted
   * since): written and projected, its chain head left where it is (the chain stepped over it when
   * it was held). Runs inside the caller's transaction; false when it is already in the log.
   */
  release(remote: LogEvent): boolean {
    if (stmt(this.db, 'SELECT 1 FROM events WHERE id = ?').get(remote.id)) return false
    this.tx(() => this.write(remote))
    this.clock.observe(remote.hlc)
    this.told(remote)
    return true
  }

  private write(remote: LogEvent, payloadJson?: string): void {
    const actor = canonicalJson({ id: remote.actor.id, name: remote.actor.name })
    this.project(this.db, remote, this.insertRow(remote, actor, payloadJson ?? canonicalJson(remote.payload)), this.burstScope)
  }

  private told(remote: LogEvent): void {
    if (this.deferred) this.deferred.push(remote)
    else this.emit([remote])
  }

  /**
   * Runs `fn` (e.g. a burst of ingests in one transaction) and tells commit listeners once, after
   * it returns, about every event it applied.
   */
  batch<T>(fn: () => T): T {
    if (this.deferred) return fn()
    this.deferred = []
    let result: T
    try {
      result = fn()
    } catch (err) {
      this.deferred = null // rolled back: nothing to tell
      throw err
    }
    const events = this.deferred
    this.deferred = null
    if (events.length) this.emit(events)
    return result
  }

  /**
   * Runs `fn` (a burst of ingests) in one transaction and tells listeners once, after it commits.
   * Its events are first written without a savepoint each: a savepoint copies every page an event
   * touches, which cost a third of a catch-up. When one fails to apply, the whole burst is rolled
   * back and run again with a savepoint per event, so that only the failing one is quarantined.
   */
  burst<T>(fn: () => T): T {
    const guarded = (): T => this.batch(() => this.inTransaction(fn))
    if (this.deferred || this.db.inTransaction) return guarded()
    this.unguarded = true
    this.spoiled = false
    this.chainHeads.beginBurst()
    this.burstScope = new BurstScope()
    try {
      return this.batch(() =>
        this.inTransaction(() => {
          const result = fn()
          if (this.spoiled) throw new SpoiledBurst()
          this.chainHeads.writeBurst()
          this.burstScope?.end()
          return result
        })
      )
    } catch (err) {
      if (!this.spoiled) throw err
    } finally {
      this.unguarded = false
      this.chainHeads.endBurst()
      this.burstScope = undefined
    }
    this.spoiled = false
    log.warn('an event of a burst could not be applied; the burst is applied again one event at a time')
    return guarded()
  }

  private hold(remote: LogEvent, chain: string, reason: string, subject?: string, data?: Uint8Array): 'quarantined' {
    const { id, origin, incidentId, type, prevHash, hash } = remote
    const raw = data ? Buffer.from(data).toString('utf8') : canonicalJson(remote)
    this.tx(() => {
      quarantine(this.db, { eventId: id, origin, incidentId, type, prevHash, hash, reason, raw, subject: subject ?? null }, this.now())
      this.chainHeads.move(chain, hash)
    })
    log.warn('quarantined a replicated event', { id, origin, type, reason })
    return 'quarantined'
  }

  eventsFor(incidentId: string): (LogEvent & { seq: number })[] {
    const rows = this.db.prepare('SELECT * FROM events WHERE incident_id = ? ORDER BY seq').all(incidentId) as EventRow[]
    return rows.map(rowToEvent)
  }

  private writeLocal(draft: EventDraft): LogEvent {
    const chain = chainName(draft.incidentId, this.origin)
    let prevHash = this.heads.get(chain)
    if (prevHash === undefined) prevHash = this.chainHeads.of(chain)
    const payloadJson = canonicalJson(draft.payload)
    const actor = { id: draft.actor.id, name: draft.actor.name }
    const base = {
      id: newEventId(this.now()),
      origin: this.origin,
      hlc: this.clock.tick(),
      type: draft.type,
      incidentId: draft.incidentId,
      actor,
      payload: draft.payload
    }
    const event: LogEvent = { ...base, prevHash, hash: eventHash(this.key, prevHash, base, payloadJson) }
    const seq = this.insertRow(event, canonicalJson(actor), payloadJson)
    this.chainHeads.move(chain, event.hash)
    this.heads.set(chain, event.hash)
    this.project(this.db, event, seq)
    return event
  }

  /** The event's row (positional parameters: named ones cost a catch-up a microsecond an event); its seq. */
  private insertRow(e: LogEvent, actorJson: string, payloadJson: string): number {
    const info = this.insertEvent.run(e.id, e.origin, e.hlc, e.type, e.incidentId, actorJson, payloadJson, e.prevHash, e.hash, this.now())
    return Number(info.lastInsertRowid)
  }

  private emit(events: LogEvent[]): void {
    for (const l of this.listeners) {
      try {
        l(events)
      } catch (err) {
        log.error('a commit listener failed', { error: err })
      }
    }
  }
}
