/** Offline evaluation: splits, the walk over test flows, and ranking metrics. Pure. */

export interface EvalFlow {
  id: string
  group: string
  /** Name and description: what every model may read. */
  text: string
  commands: string[]
  /** Tags and category, when the source has them (the engine indexes them with the text). */
  tags?: string[]
}

export interface Predictor {
  /** Ranked commands, best first. */
  predict(text: string, history: readonly string[], k: number): string[]
}

export type Trainer = (train: readonly EvalFlow[]) => Predictor

export interface Metrics {
  top1: number
  top3: number
  top5: number
  mrr: number
  n: number
}

/** Deterministic PRNG (mulberry32) so a seed means the same split everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const a = out[i] as T
    out[i] = out[j] as T
    out[j] = a
  }
  return out
}

/**
 * 80/20 split. "pack" keeps every flow of a group on one side (whole groups go to test
 * until it holds a fifth of the flows); "random" splits flow by flow.
 */
export function splitFlows(
  flows: readonly EvalFlow[],
  mode: 'pack' | 'random',
  seed: number,
  testShare = 0.2
): { train: EvalFlow[]; test: EvalFlow[] } {
  const random = seededRandom(seed)
  const wanted = Math.round(flows.length * testShare)
  const testIds = new Set<string>()
  if (mode === 'random') {
    for (const f of shuffle(flows, random).slice(0, wanted)) testIds.add(f.id)
  } else {
    const groups = new Map<string, EvalFlow[]>()
    for (const f of flows) groups.set(f.group, [...(groups.get(f.group) ?? []), f])
    for (const group of shuffle([...groups.keys()].sort(), random)) {
      if (testIds.size >= wanted) break
      for (const f of groups.get(group) ?? []) testIds.add(f.id)
    }
  }
  return { train: flows.filter((f) => !testIds.has(f.id)), test: flows.filter((f) => testIds.has(f.id)) }
}

/** Predicts command i from the commands before it, for every i >= 1 of every test flow. */
export function evaluate(predictor: Predictor, test: readonly EvalFlow[], depth = 50): Metrics {
  let n = 0
  let top1 = 0
  let top3 = 0
  let top5 = 0
  let mrr = 0
  for (const flow of test) {
    for (let i = 1; i < flow.commands.length; i++) {
      const ranked = predictor.predict(flow.text, flow.commands.slice(0, i), depth)
      const rank = ranked.indexOf(flow.commands[i] as string)
      n++
      if (rank < 0) continue
      if (rank < 1) top1++
      if (rank < 3) top3++
      if (rank < 5) top5++
      mrr += 1 / (rank + 1)
    }
  }
  const d = Math.max(1, n)
  return { top1: top1 / d, top3: top3 / d, top5: top5 / d, mrr: mrr / d, n }
}

export function meanMetrics(runs: readonly Metrics[]): Metrics {
  const d = Math.max(1, runs.length)
  const sum = (pick: (m: Metrics) => number): number => runs.reduce((s, m) => s + pick(m), 0) / d
  return { top1: sum((m) => m.top1), top3: sum((m) => m.top3), top5: sum((m) => m.top5), mrr: sum((m) => m.mrr), n: sum((m) => m.n) }
}

/** Sample standard deviation of each metric over seeds (0 for a single run). */
export function stdMetrics(runs: readonly Metrics[]): Metrics {
  const mean = meanMetrics(runs)
  const d = Math.max(1, runs.length - 1)
  const sd = (pick: (m: Metrics) => number): number => Math.sqrt(runs.reduce((s, m) => s + (pick(m) - pick(mean)) ** 2, 0) / d)
  return { top1: sd((m) => m.top1), top3: sd((m) => m.top3), top5: sd((m) => m.top5), mrr: sd((m) => m.mrr), n: sd((m) => m.n) }
}

/** Share of evaluated targets (command i >= 1 of test flows) that no training flow ever ran: no model can rank them. */
export function unseenShare(train: readonly EvalFlow[], test: readonly EvalFlow[]): number {
  const known = new Set(train.flatMap((f) => f.commands))
  let n = 0
  let unseen = 0
  for (const f of test) {
    for (let i = 1; i < f.commands.length; i++) {
      n++
      if (!known.has(f.commands[i] as string)) unseen++
    }
  }
  return n === 0 ? 0 : unseen / n
}
