/** Marks the start of a flow, so "what comes first" is just another context. */
export const START = '<s>'
/**
 * Context keys are numbers: command ids in base 2^15, so an order-2 key of the first 32k
 * commands is a small integer (a Map key V8 hashes without allocating). Larger ids switch to
 * base 2^26 on the negative side, which stays exact and cannot collide with the small keys.
 */
const BASE = 2 ** 15
const WIDE = 2 ** 26

interface ContextCounts {
  total: number
  next: Map<string, number>
}

/**
 * Counts of command n-grams (orders 1..maxOrder) kept incrementally, with
 * Witten-Bell interpolated probabilities: each order backs off to the shorter
 * context in proportion to how many different commands followed it.
 */
export class NgramModel {
  /** contexts[n] maps an n-command context key to what followed it. contexts[0] is the unigram. */
  private readonly contexts: Map<number, ContextCounts>[]
  /** Command → id for context keys; START is 1, ids never reused. */
  private readonly ids = new Map<string, number>([[START, 1]])

  constructor(readonly maxOrder = 3) {
    this.contexts = Array.from({ length: maxOrder }, () => new Map())
  }

  /** Adds (delta = 1) or removes (delta = -1) the transitions into position i of a flow. */
  addPosition(flow: readonly string[], i: number, delta: 1 | -1, weight = 1): void {
    const target = flow[i]
    if (target === undefined) return
    if (this.maxOrder === 3) return this.addTrigramPosition(flow, i, target, delta * weight)
    for (let n = 0; n < this.maxOrder; n++) {
      const key = this.contextKey(flow, i, n, true)
      if (key === undefined) break
      this.bump(n, key, target, delta * weight)
    }
  }

  /** addPosition for the usual order 3, looking each context command's id up once (index builds run this per command). */
  private addTrigramPosition(flow: readonly string[], i: number, target: string, amount: number): void {
    this.bump(0, 0, target, amount)
    if (i < 0) return
    const id1 = this.learnId(i === 0 ? START : (flow[i - 1] ?? START))
    this.bump(1, id1 >= BASE ? -id1 : id1, target, amount)
    if (i < 1) return
    const id2 = this.learnId(i === 1 ? START : (flow[i - 2] ?? START))
    this.bump(2, id1 >= BASE || id2 >= BASE ? -(id2 * WIDE + id1) : id2 * BASE + id1, target, amount)
  }

  private learnId(c: string): number {
    let id = this.ids.get(c)
    if (id === undefined) this.ids.set(c, (id = this.ids.size + 1))
    return id
  }

  addFlow(flow: readonly string[], delta: 1 | -1 = 1, weight = 1): void {
    for (let i = 0; i < flow.length; i++) this.addPosition(flow, i, delta, weight)
  }

  private bump(order: number, key: number, target: string, amount: number): void {
    const table = this.contexts[order]
    if (!table) return
    if (order === 0) this.version++
    let ctx = table.get(key)
    if (!ctx) table.set(key, (ctx = { total: 0, next: new Map() }))
    const count = (ctx.next.get(target) ?? 0) + amount
    ctx.total += amount
    if (count <= 1e-9) ctx.next.delete(target)
    else ctx.next.set(target, count)
    if (ctx.total <= 1e-9) table.delete(key)
  }

  /** Raw counts after a context of the given order ending at the history's end. */
  followers(history: readonly string[], order: number): ContextCounts | undefined {
    const key = this.contextKey(history, history.length, order, false)
    return key === undefined ? undefined : this.contexts[order]?.get(key)
  }

  /** Interpolated P(command | history) for every candidate given. */
  probabilities(history: readonly string[], candidates: Iterable<string>): Map<string, number> {
    const chain: ContextCounts[] = []
    for (let n = 0; n < this.maxOrder; n++) {
      const ctx = this.followers(history, n)
      if (n > 0 && !ctx) break
      chain.push(ctx ?? { total: 0, next: new Map() })
    }
    const vocab = Math.max(1, this.contexts[0]?.get(0)?.next.size ?? 1)
    const out = new Map<string, number>()
    for (const c of candidates) {
      let p = 1 / (vocab + 1)
      for (const ctx of chain) {
        if (ctx.total <= 0) continue
        const types = ctx.next.size
        p = ((ctx.next.get(c) ?? 0) + types * p) / (ctx.total + types)
      }
      out.set(c, p)
    }
    return out
  }

  /** Candidates worth scoring: whatever followed the history's contexts, plus the most common overall. */
  candidates(history: readonly string[], topUnigrams: number): Set<string> {
    const set = new Set<string>()
    for (let n = 1; n < this.maxOrder; n++) {
      const ctx = this.followers(history, n)
      if (!ctx) break
      for (const c of ctx.next.keys()) set.add(c)
    }
    for (const c of this.mostFrequent(topUnigrams)) set.add(c)
    return set
  }

  private topCache: { version: number; list: string[] } | undefined
  private version = 0

  mostFrequent(k: number): string[] {
    const uni = this.contexts[0]?.get(0)
    if (!uni) return []
    if (this.topCache?.version === this.version && this.topCache.list.length >= k) return this.topCache.list.slice(0, k)
    const list = [...uni.next.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, Math.max(k, 20)).map(([c]) => c)
    this.topCache = { version: this.version, list }
    return list.slice(0, k)
  }

  /** Commands counted (with their weights). */
  get total(): number {
    return this.contexts[0]?.get(0)?.total ?? 0
  }

  /**
   * Key of the n commands before position i (0 for the unigram). Positions before the flow's
   * start are padded with a single START marker; undefined when the context would need more
   * than that padding, or (when not learning) names a command never counted.
   */
  private contextKey(flow: readonly string[], i: number, n: number, learn: boolean): number | undefined {
    if (n === 0) return 0
    if (i - n < -1) return undefined
    let key = 0
    let wide = 0
    let large = false
    for (let j = i - n; j < i; j++) {
      const c = j < 0 ? START : (flow[j] ?? START)
      let id = this.ids.get(c)
      if (id === undefined) {
        if (!learn) return undefined
        this.ids.set(c, (id = this.ids.size + 1))
      }
      if (id >= BASE) large = true
      key = key * BASE + id
      wide = wide * WIDE + id
    }
    return large ? -wide : key
  }

  count(command: string): number {
    return this.contexts[0]?.get(0)?.next.get(command) ?? 0
  }
}
