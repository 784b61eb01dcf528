/**
 * Prefix-state kNN: every position of every past flow, filed under the command just before it,
 * so "which past flows were in the state this incident is in now" is a scan of one short list.
 * A past position matches the history by the length of their common suffix (how many of the
 * latest steps agree, in order); whole-prefix matches (same steps from the start) count extra.
 */

export interface PrefixFlow {
  readonly id: string
  readonly commands: readonly string[]
}

export interface PrefixVotes {
  /** Weighted votes for the command that came next, normalised to sum to 1. */
  dist: Map<string, number>
  /** The same over positions that agree on at least the last two steps (or on the whole prefix). */
  deep: Map<string, number>
  /** Per command: the longest suffix match among the positions voting for it. */
  longest: Map<string, number>
  /** Per command: how many past flows voted for it. */
  flows: Map<string, number>
  /** Past flows that were in a matching state at all. */
  matchedFlows: number
  /** Longest suffix match found. */
  best: number
}

/** Longest suffix compared: beyond this, flows rarely agree and the scan stays short. */
const MAX_MATCH = 6

export class PrefixIndex {
  /** Last command before a position → (flow, position) pairs. Position 0 is filed under ''. */
  private readonly byLast = new Map<string, { flow: PrefixFlow; j: number }[]>()

  /** Files the positions from..end of a flow (append-only growth costs O(appended)). */
  add(flow: PrefixFlow, from = 0): void {
    for (let j = from; j < flow.commands.length; j++) {
      const key = j === 0 ? '' : (flow.commands[j - 1] as string)
      let list = this.byLast.get(key)
      if (!list) this.byLast.set(key, (list = []))
      list.push({ flow, j })
    }
  }

  remove(flow: PrefixFlow): void {
    const keys = new Set(['', ...flow.commands])
    for (const key of keys) {
      const list = this.byLast.get(key)
      if (!list) continue
      const kept = list.filter((p) => p.flow !== flow)
      if (kept.length === 0) this.byLast.delete(key)
      else this.byLast.set(key, kept)
    }
  }

  /**
   * Votes of the past positions whose state matches the history's, weighted 2^(match - 1),
   * doubled again when the whole prefix matches. One vote per flow and command (a flow that
   * loops does not outvote the others).
   */
  votes(history: readonly string[], exclude?: ReadonlySet<string>): PrefixVotes {
    const key = history.length === 0 ? '' : (history[history.length - 1] as string)
    const list = this.byLast.get(key) ?? []
    // One vote per flow and command: the flow's best-matching position for it.
    const perFlow = new Map<string, { next: string; weight: number }>()
    const deep = new Map<string, number>()
    let deepTotal = 0
    const longest = new Map<string, number>()
    let best = 0
    for (const { flow, j } of list) {
      if (exclude?.has(flow.id)) continue
      const cmds = flow.commands
      let match = history.length === 0 ? 0 : 1
      while (match < MAX_MATCH && match < j && match < history.length && cmds[j - 1 - match] === history[history.length - 1 - match]) match++
      const whole = match === j && j === history.length
      const weight = 2 ** Math.max(0, match - 1) * (whole ? 2 : 1)
      const next = cmds[j] as string
      const key = `${flow.id}\u0001${next}`
      const own = perFlow.get(key)
      if (!own) perFlow.set(key, { next, weight })
      else if (own.weight < weight) own.weight = weight
      if (match >= 2 || whole) {
        deep.set(next, (deep.get(next) ?? 0) + weight)
        deepTotal += weight
      }
      if ((longest.get(next) ?? 0) < match) longest.set(next, match)
      if (match > best) best = match
    }
    const dist = new Map<string, number>()
    const flows = new Map<string, number>()
    const matched = new Set<PrefixFlow>()
    for (const p of list) if (!exclude?.has(p.flow.id)) matched.add(p.flow)
    let total = 0
    for (const { next: c, weight: w } of perFlow.values()) {
      dist.set(c, (dist.get(c) ?? 0) + w)
      flows.set(c, (flows.get(c) ?? 0) + 1)
      total += w
    }
    if (total > 0) for (const [c, w] of dist) dist.set(c, w / total)
    if (deepTotal > 0) for (const [c, w] of deep) deep.set(c, w / deepTotal)
    return { dist, deep, longest, flows, matchedFlows: matched.size, best }
  }
}
