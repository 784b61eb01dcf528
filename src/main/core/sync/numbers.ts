import type { JetStreamClient, KV } from 'nats'
import { formatIncidentNumber } from '../../../shared/incident-number'
import type { Db } from '../db/open-db'
import { PROVISIONAL_PREFIX } from '../incidents/allocate-number'
import type { EventLog } from '../log/event-log'

const KEY = 'incident'
const SYSTEM = { id: 'system', name: 'Virgil' }

export async function openNumbers(js: JetStreamClient, bucket: string, replicas: number): Promise<KV> {
  return js.views.kv(bucket, { history: 1, replicas })
}

const isRace = (err: unknown): boolean => /wrong last sequence|key exists|10071/i.test(err instanceof Error ? err.message : String(err))

/**
 * Takes `count` numbers from the team counter (one compare-and-set on a key in a JetStream
 * key-value bucket, retried on a race), so two workstations never get the same one. The counter
 * never falls behind a number this workstation has seen (numbers from before the counter existed).
 * Returns the first of the block.
 */
export async function takeTeamNumbers(kv: KV, seen: number, count = 1): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const entry = await kv.get(KEY)
    const current = entry && entry.operation === 'PUT' ? Number(entry.string()) || 0 : 0
    const first = Math.max(current, seen) + 1
    try {
      if (entry) await kv.update(KEY, String(first + count - 1), entry.revision)
      else await kv.create(KEY, String(first + count - 1))
      return first
    } catch (err) {
      if (!isRace(err)) throw err
      await new Promise((r) => setTimeout(r, Math.random() * 5 * Math.min(attempt + 1, 10)))
    }
  }
  throw new Error('the team number counter is too contended; try again')
}

/**
 * One compare-and-set in flight per workstation; requests that arrive meanwhile share the next
 * one (a block of numbers), so a burst of incidents costs a round trip or two, not one each.
 */
export class NumberQueue {
  private waiting: { resolve: (n: number) => void; reject: (e: unknown) => void }[] = []
  private busy = false

  constructor(
    private readonly kv: KV,
    private readonly seen: () => number
  ) {}

  next(): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.waiting.push({ resolve, reject })
      void this.pump()
    })
  }

  private async pump(): Promise<void> {
    if (this.busy) return
    this.busy = true
    try {
      while (this.waiting.length) {
        const batch = this.waiting.splice(0)
        try {
          const first = await takeTeamNumbers(this.kv, this.seen(), batch.length)
          batch.forEach((w, i) => w.resolve(first + i))
        } catch (err) {
          for (const w of batch) w.reject(err)
        }
      }
    } finally {
      this.busy = false
    }
  }
}

export function formatTeamNumber(n: number): string {
  return formatIncidentNumber(n)
}

/**
 * Gives every incident opened here with a provisional number (offline, or before the team
 * answered) its final team number, as an `incident.numbered` event that replicates and is mirrored.
 */
export async function finalizeProvisional(db: Db, log: EventLog, numbers: NumberQueue, closed: () => boolean): Promise<number> {
  const rows = db
    .prepare(
      `SELECT i.id, i.number FROM incidents i JOIN events e ON e.incident_id = i.id AND e.type = 'incident.opened'
       WHERE i.number GLOB ? AND e.origin = ? ORDER BY e.seq`
    )
    .all(`${PROVISIONAL_PREFIX}*`, log.origin) as { id: string; number: string }[]
  let done = 0
  for (const r of rows) {
    if (closed()) break
    const current = db.prepare('SELECT number FROM incidents WHERE id = ?').get(r.id) as { number: string } | undefined
    if (!current?.number.startsWith(PROVISIONAL_PREFIX)) continue
    const number = formatTeamNumber(await numbers.next())
    if (closed()) break
    log.appendOne({ type: 'incident.numbered', incidentId: r.id, actor: SYSTEM, payload: { number, previous: current.number, at: Date.now() } })
    done++
  }
  return done
}
