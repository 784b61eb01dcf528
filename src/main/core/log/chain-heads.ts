import type { Db } from '../db/open-db'
import { GENESIS } from './event'

/**
 * Each chain's last hash and length (table chain_heads). A burst of replicated events keeps the
 * heads it moves in memory and writes each chain once, before it commits: a write per event cost a
 * tenth of a catch-up.
 */
export class ChainHeads {
  private readonly read
  private readonly step
  private moved: Map<string, { hash: string; steps: number }> | null = null

  constructor(db: Db) {
    this.read = db.prepare('SELECT hash FROM chain_heads WHERE chain = ?').pluck()
    this.step = db.prepare(
      `INSERT INTO chain_heads (chain, hash, length) VALUES (?, ?, ?)
       ON CONFLICT(chain) DO UPDATE SET hash = excluded.hash, length = length + excluded.length`
    )
  }

  of(chain: string): string {
    const moved = this.moved?.get(chain)
    if (moved) return moved.hash
    return (this.read.get(chain) as string | undefined) ?? GENESIS
  }

  move(chain: string, hash: string): void {
    if (!this.moved) {
      this.step.run(chain, hash, 1)
      return
    }
    const moved = this.moved.get(chain)
    if (moved) {
      moved.hash = hash
      moved.steps++
    } else this.moved.set(chain, { hash, steps: 1 })
  }

  beginBurst(): void {
    this.moved = new Map()
  }

  /** Writes what the burst moved; inside its transaction. */
  writeBurst(): void {
    for (const [chain, { hash, steps }] of this.moved ?? []) this.step.run(chain, hash, steps)
    this.moved?.clear()
  }

  /** The burst committed or rolled back: heads are read from the table again. */
  endBurst(): void {
    this.moved = null
  }
}
