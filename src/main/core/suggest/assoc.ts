/**
 * Command → command association beyond adjacent pairs: in how many past flows did B run at
 * some point after A. Kept incrementally over first occurrences, so a flow of n distinct
 * commands adds at most n(n-1)/2 pairs and appending one command costs O(distinct commands).
 */
export class CommandAssoc {
  /** after.get(a).get(b): flows where b first ran after a's first run. */
  private readonly after = new Map<string, Map<string, number>>()
  /** Flows that ran the command at all. */
  private readonly flowsWith = new Map<string, number>()
  /** Sorted followers per command, dropped when its row changes. */
  private readonly topCache = new Map<string, string[]>()

  /** Adds (1) or removes (-1) the first occurrences in flow[from..]. */
  addFlow(flow: readonly string[], delta: 1 | -1, from = 0): void {
    const seen = new Set<string>()
    for (let i = 0; i < from && i < flow.length; i++) seen.add(flow[i] as string)
    for (let i = from; i < flow.length; i++) {
      const b = flow[i] as string
      if (seen.has(b)) continue
      for (const a of seen) {
        this.topCache.delete(a)
        let row = this.after.get(a)
        if (!row) this.after.set(a, (row = new Map()))
        const n = (row.get(b) ?? 0) + delta
        if (n <= 0) row.delete(b)
        else row.set(b, n)
        if (row.size === 0) this.after.delete(a)
      }
      seen.add(b)
      const n = (this.flowsWith.get(b) ?? 0) + delta
      if (n <= 0) this.flowsWith.delete(b)
      else this.flowsWith.set(b, n)
    }
  }

  /** Appends one command to a flow already counted (flow includes it, at its end). */
  append(flow: readonly string[]): void {
    this.addFlow(flow, 1, flow.length - 1)
  }

  /** P(b runs later | a ran), smoothed; 0 when a is unknown. */
  probability(a: string, b: string): number {
    const n = this.flowsWith.get(a) ?? 0
    if (n === 0) return 0
    return (this.after.get(a)?.get(b) ?? 0) / (n + 1)
  }

  /** The commands most often run after a, best first. */
  followers(a: string, k: number): string[] {
    let top = this.topCache.get(a)
    if (!top || top.length < Math.min(k, this.after.get(a)?.size ?? 0)) {
      const row = this.after.get(a)
      if (!row) return []
      top = [...row.entries()]
        .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
        .slice(0, Math.max(k, 16))
        .map(([c]) => c)
      this.topCache.set(a, top)
    }
    return top.slice(0, k)
  }
}
