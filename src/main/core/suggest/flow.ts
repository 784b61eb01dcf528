import type { NgramModel } from './ngram'
import type { FlowResult } from './types'
import type { Neighbour } from './votes'

/**
 * The typical flow of the most similar cases: commands that appear in at least
 * `quorum` of their (similarity-weighted) flows, ordered by where they usually
 * sit (mean relative position), each ticked when it is already in the history.
 */
export function typicalFlow(neighbours: readonly Neighbour[], history: readonly string[], quorum = 0.3, maxSteps = 12): FlowResult {
  const used = neighbours.filter((n) => n.commands.length > 0)
  const done = new Set(history)
  if (used.length === 0) return { steps: [], basedOn: [] }
  const weightOf = new Map<string, number>()
  const positionOf = new Map<string, number>()
  let totalWeight = 0
  for (const n of used) {
    totalWeight += n.score
    const firstAt = new Map<string, number>()
    n.commands.forEach((c, i) => {
      if (!firstAt.has(c)) firstAt.set(c, i)
    })
    for (const [c, i] of firstAt) {
      const relative = n.commands.length === 1 ? 0 : i / (n.commands.length - 1)
      weightOf.set(c, (weightOf.get(c) ?? 0) + n.score)
      positionOf.set(c, (positionOf.get(c) ?? 0) + n.score * relative)
    }
  }
  const steps = [...weightOf.entries()]
    .filter(([, w]) => w >= quorum * totalWeight)
    .sort((a, b) => b[1] - a[1])
    .slice(0, maxSteps)
    .map(([c, w]) => ({ command: c, at: (positionOf.get(c) ?? 0) / w }))
    .sort((a, b) => a.at - b.at || (a.command < b.command ? -1 : 1))
    .map(({ command }) => ({ command, done: done.has(command) }))
  return { steps, basedOn: used.map((n) => n.id) }
}

/** With no similar case, the most likely chain from the start, without repeats. */
export function likelyChain(model: NgramModel, history: readonly string[], maxSteps = 6): FlowResult {
  const chain: string[] = []
  const seen = new Set<string>()
  while (chain.length < maxSteps) {
    const ctx = model.followers(chain, 1)
    if (!ctx) break
    const next = [...ctx.next.entries()].filter(([c]) => !seen.has(c)).sort((a, b) => b[1] - a[1])[0]
    if (!next) break
    chain.push(next[0])
    seen.add(next[0])
  }
  const done = new Set(history)
  return { steps: chain.map((command) => ({ command, done: done.has(command) })), basedOn: [] }
}
