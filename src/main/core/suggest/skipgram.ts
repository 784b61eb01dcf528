/**
 * Looser context than the n-gram's, both kept incrementally and answered lazily (a score for
 * each candidate asked about):
 * - SkipGram: what past flows ran within a couple of steps after each of the incident's
 *   recent commands, not only right after the last one;
 * - FamilyCounts: which commands an integration family the incident already used runs most
 *   ("cs-falcon-search-device" → the other "cs-…" commands).
 */

interface Counts {
  total: number
  next: ReadonlyMap<string, number>
}

interface Row {
  total: number
  next: Map<string, number>
}

/**
 * Scores over candidates, computed on demand. Neither component adds candidates of its own:
 * adding their best ones gained about 0.001 MRR and made a query half as slow again, its p99
 * past 2 ms on the bench (docs/bench.md).
 */
export interface LazyScores {
  readonly empty: boolean
  get(command: string): number
}

const NONE: LazyScores = { empty: true, get: () => 0 }

/**
 * Command pairs two steps apart in the same flow (whole counts, so removing a case leaves
 * exactly what a fresh build has). Adjacent pairs are the n-gram's bigram counts, read from
 * it rather than kept twice; a pair two steps apart weighs `decay` of an adjacent one.
 */
export class SkipGram {
  private readonly rows = new Map<string, Row>()

  constructor(
    readonly decay = 0.7,
    /** How many of the incident's latest commands a query looks back over. */
    readonly reach = 6
  ) {}

  /** Adds (1) or removes (-1) the pair that ends at position i of a flow. */
  addPosition(flow: readonly string[], i: number, delta: 1 | -1): void {
    if (i < 2) return
    const b = flow[i] as string
    const a = flow[i - 2] as string
    if (a === b) return
    let row = this.rows.get(a)
    if (!row) this.rows.set(a, (row = { total: 0, next: new Map() }))
    const n = (row.next.get(b) ?? 0) + delta
    row.total += delta
    if (n <= 0) row.next.delete(b)
    else row.next.set(b, n)
    if (row.total <= 0) this.rows.delete(a)
  }

  /**
   * What ran one or two steps after each of the history's last `reach` commands, the most
   * recent weighing most (decay per step back); `adjacent(a)` counts what ran right after a.
   */
  scores(history: readonly string[], adjacent: (a: string) => Counts | undefined): LazyScores {
    const parts: { row: Row | undefined; adj: Counts | undefined; total: number; w: number }[] = []
    let sum = 0
    let w = 1
    for (let d = 1; d <= this.reach && history.length - d >= 0; d++, w *= this.decay) {
      const a = history[history.length - d] as string
      const row = this.rows.get(a)
      const adj = adjacent(a)
      const total = this.decay * (row?.total ?? 0) + (adj?.total ?? 0)
      if (total <= 0) continue
      parts.push({ row, adj, total, w })
      sum += w
    }
    if (parts.length === 0) return NONE
    const decay = this.decay
    return {
      empty: false,
      get(c) {
        let s = 0
        for (const p of parts) s += (p.w * (decay * (p.row?.next.get(c) ?? 0) + (p.adj?.next.get(c) ?? 0))) / p.total
        return s / sum
      }
    }
  }

  /**
   * The recent command that most supports c (for the reason shown), with how many past runs of
   * c came one or two steps after it.
   */
  evidence(history: readonly string[], c: string, adjacent: (a: string) => Counts | undefined): { after: string; runs: number } | undefined {
    let best: { after: string; runs: number; score: number } | undefined
    let w = 1
    for (let d = 1; d <= this.reach && history.length - d >= 0; d++, w *= this.decay) {
      const a = history[history.length - d] as string
      const near = adjacent(a)?.next.get(c) ?? 0
      const far = this.rows.get(a)?.next.get(c) ?? 0
      const runs = Math.round(near + far)
      const score = w * (near + this.decay * far)
      if (runs > 0 && (!best || score > best.score)) best = { after: a, runs, score }
    }
    return best && { after: best.after, runs: best.runs }
  }
}

/**
 * Integration family of a command: the word before its first dash or space ("cs-falcon-get-device"
 * → "cs", "ec2 isolate" → "ec2"); none for a bare script name ("SetAndHandleEmpty", "whois").
 */
export function familyOf(command: string): string | undefined {
  for (let i = 1; i < command.length; i++) {
    const ch = command.charCodeAt(i)
    if (ch === 45 /* - */ || ch === 32 /* space */) return command.slice(0, i)
  }
  return undefined
}

/**
 * The commands of each integration family, learnt when a command is first counted (the
 * n-gram tells, so this costs nothing per run). A family's total is the sum of its commands'
 * run counts, taken when a query needs it.
 */
export class FamilyCounts {
  private readonly familyOfCommand = new Map<string, string | null>()
  private readonly members = new Map<string, Set<string>>()
  /** Family totals as of a version of the counts. */
  private totals = { version: -1, byFamily: new Map<string, number>() }

  familyOf(command: string): string | null {
    return this.familyOfCommand.get(command) ?? familyOf(command) ?? null
  }

  learn(command: string): void {
    const f = familyOf(command) ?? null
    this.familyOfCommand.set(command, f)
    if (f === null) return
    let set = this.members.get(f)
    if (!set) this.members.set(f, (set = new Set()))
    set.add(command)
  }

  /**
   * A command's share of the runs of its family, for the families the history used (the most
   * recently used weighing most, decay per step back); `count(c)` is how often c ran, and
   * `version` changes whenever a count does.
   */
  scores(history: readonly string[], decay: number, count: (command: string) => number, version: number): LazyScores {
    if (this.totals.version !== version) this.totals = { version, byFamily: new Map() }
    const totals = this.totals.byFamily
    const weightOf = new Map<string, { total: number; w: number }>()
    let sum = 0
    let w = 1
    for (let j = history.length - 1; j >= 0; j--, w *= decay) {
      const f = this.familyOf(history[j] as string)
      if (f === null || weightOf.has(f)) continue
      let total = totals.get(f)
      if (total === undefined) {
        total = 0
        for (const c of this.members.get(f) ?? []) total += count(c)
        totals.set(f, total)
      }
      if (total <= 0) continue
      weightOf.set(f, { total, w })
      sum += w
    }
    if (weightOf.size === 0) return NONE
    return {
      empty: false,
      get: (c) => {
        const f = this.familyOf(c)
        const hit = f === null ? undefined : weightOf.get(f)
        return hit ? (hit.w * count(c)) / hit.total / sum : 0
      }
    }
  }
}
