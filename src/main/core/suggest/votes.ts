/** What the most similar past cases say about the next command. */

export interface Neighbour {
  id: string
  score: number
  commands: readonly string[]
}

export interface Votes {
  /** Distribution over commands that came right after the same context in similar flows. */
  next: Map<string, number>
  /** Per command: how many neighbours ran it next in that context. */
  nextCases: Map<string, number>
  /** Neighbours whose flow contained the context at all. */
  contextCases: number
  /** Distribution over commands anywhere in similar flows. */
  bag: Map<string, number>
  bagCases: Map<string, number>
}

function normalise(m: Map<string, number>): Map<string, number> {
  let total = 0
  for (const v of m.values()) total += v
  if (total > 0) for (const [k, v] of m) m.set(k, v / total)
  return m
}

/**
 * Each neighbour votes with its similarity: for the commands that followed the
 * history's last command in its flow (a longer matching context counts double),
 * or for its first command when nothing has been run yet.
 */
export function neighbourVotes(neighbours: readonly Neighbour[], history: readonly string[]): Votes {
  const last = history[history.length - 1]
  const before = history[history.length - 2]
  const next = new Map<string, number>()
  const nextCases = new Map<string, number>()
  const bag = new Map<string, number>()
  const bagCases = new Map<string, number>()
  let contextCases = 0
  for (const n of neighbours) {
    const flow = n.commands
    const local = new Map<string, number>()
    let matches = 0
    if (last === undefined) {
      if (flow[0] !== undefined) local.set(flow[0], 1)
      matches = flow.length > 0 ? 1 : 0
    } else {
      for (let j = 1; j < flow.length; j++) {
        if (flow[j - 1] !== last) continue
        const weight = before !== undefined && j >= 2 && flow[j - 2] === before ? 2 : 1
        const c = flow[j] as string
        local.set(c, (local.get(c) ?? 0) + weight)
        matches += weight
      }
    }
    if (matches > 0) {
      contextCases++
      for (const [c, w] of local) {
        next.set(c, (next.get(c) ?? 0) + (n.score * w) / matches)
        nextCases.set(c, (nextCases.get(c) ?? 0) + 1)
      }
    }
    const distinct = new Set(flow)
    for (const c of distinct) {
      bag.set(c, (bag.get(c) ?? 0) + n.score / distinct.size)
      bagCases.set(c, (bagCases.get(c) ?? 0) + 1)
    }
  }
  return { next: normalise(next), nextCases, contextCases, bag: normalise(bag), bagCases }
}

/**
 * Commands already run in this incident, weighted toward the most recent: flows
 * repeat themselves (the same lookup on the next indicator), including commands
 * no past case knows.
 */
export function historyCache(history: readonly string[], decay: number): Map<string, number> {
  const cache = new Map<string, number>()
  let w = 1
  for (let j = history.length - 1; j >= 0; j--) {
    const c = history[j] as string
    cache.set(c, (cache.get(c) ?? 0) + w)
    w *= decay
  }
  return normalise(cache)
}
