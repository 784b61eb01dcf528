import type { Db } from '../db/open-db'

/** A body from the wire; `early` is its row here when it was kept for later. */
export interface WireItem {
  subject: string
  data: Uint8Array
  early?: number
}

/**
 * Events that arrived before their writer's previous event (a gap in its chain, e.g. that one is
 * still on its way after a failover), kept in the log's own file in the transaction of the burst
 * they came in. Nak'ing them made the server send them again every 250 ms and, with the
 * ack-pending window full of them, never the missing one: the stall of the cluster bench. Held
 * unacked in memory instead, they needed "working" signals and a cap. Kept here, they are acked
 * with their burst, survive a restart, and are applied as soon as their chain moves.
 */
export class EarlyEvents {
  /** Chains that may have rows here (a burst rolled back can leave one that has none: it costs a read). */
  private readonly chains = new Set<string>()
  private readonly insert
  private readonly remove
  private readonly forChain
  private readonly waitingSince

  constructor(db: Db) {
    this.insert = db.prepare('INSERT OR IGNORE INTO early_events (event_id, chain, subject, data, kept_at) VALUES (?, ?, ?, ?, ?)')
    this.remove = db.prepare('DELETE FROM early_events WHERE rowid = ?')
    this.forChain = db.prepare('SELECT rowid, subject, data FROM early_events WHERE chain = ? ORDER BY rowid')
    this.waitingSince = db.prepare(
      `SELECT count(*) AS count, min(kept_at) AS since FROM early_events e
       WHERE NOT (substr(e.subject, 1, length(@open)) = @open AND EXISTS (
         SELECT 1 FROM incidents i WHERE i.id = substr(e.chain, 1, instr(e.chain, '|') - 1) AND i.restricted_groups != '[]'))`
    )
    for (const chain of db.prepare('SELECT DISTINCT chain FROM early_events').pluck().all() as string[]) this.chains.add(chain)
  }

  /** Chains with events waiting. */
  get size(): number {
    return this.chains.size
  }

  /** In the transaction of the burst it came in; a copy delivered again is ignored. */
  keep(eventId: string, chain: string, item: WireItem, now: number): void {
    this.insert.run(eventId, chain, item.subject, Buffer.from(item.data.buffer, item.data.byteOffset, item.data.byteLength), now)
    this.chains.add(chain)
  }

  /** Applied (or quarantined) at last; in that burst's transaction. */
  forget(rowid: number): void {
    this.remove.run(rowid)
  }

  /**
   * What waits on these chains, in arrival order, to apply again. Only a chain that moved can
   * release anything, so a gap that never closes (its writer gone before publishing) costs nothing
   * while other chains move on.
   */
  takeFor(chains: Iterable<string>): WireItem[] {
    const out: WireItem[] = []
    for (const chain of chains) {
      if (!this.chains.has(chain)) continue
      const rows = this.forChain.all(chain) as { rowid: number; subject: string; data: Buffer }[]
      if (rows.length === 0) this.chains.delete(chain)
      for (const r of rows) out.push({ subject: r.subject, data: r.data, early: r.rowid })
    }
    return out
  }

  /**
   * How many wait, and since when (the sync pill says so when it lasts). A restriction notice on the
   * open subject (`openPrefix`) of an incident restricted here can follow restricted events this
   * workstation is not given: it may never connect, and is not counted.
   */
  oldest(openPrefix: string): { count: number; since: number } | null {
    if (this.chains.size === 0) return null
    const row = this.waitingSince.get({ open: openPrefix }) as { count: number; since: number | null }
    return row.count > 0 && row.since !== null ? { count: row.count, since: row.since } : null
  }

  /** Every chain with events waiting (on start: one may have moved while this workstation was away). */
  waiting(): string[] {
    return [...this.chains]
  }
}
