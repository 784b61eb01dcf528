/**
 * The reference models from shared/data/README.md, re-implemented as plainly as
 * possible so the engine is compared against them in the same run.
 */
import type { EvalFlow, Predictor, Trainer } from './evaluate'
import { termCounts, tokenize } from './tokenize'

function rank(scores: Map<string, number>, k: number, fill: readonly string[]): string[] {
  const ranked = [...scores.entries()]
    .filter(([, s]) => s > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([c]) => c)
  const seen = new Set(ranked)
  for (const c of fill) {
    if (ranked.length >= k) break
    if (!seen.has(c)) ranked.push(c)
  }
  return ranked.slice(0, k)
}

function unigramOrder(train: readonly EvalFlow[]): string[] {
  const counts = new Map<string, number>()
  for (const f of train) for (const c of f.commands) counts.set(c, (counts.get(c) ?? 0) + 1)
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c]) => c)
}

function bigramTable(train: readonly EvalFlow[]): Map<string, Map<string, number>> {
  const table = new Map<string, Map<string, number>>()
  for (const f of train) {
    for (let i = 1; i < f.commands.length; i++) {
      const prev = f.commands[i - 1] as string
      const row = table.get(prev) ?? new Map<string, number>()
      row.set(f.commands[i] as string, (row.get(f.commands[i] as string) ?? 0) + 1)
      table.set(prev, row)
    }
  }
  return table
}

function bigramProbabilities(table: Map<string, Map<string, number>>, last: string | undefined): Map<string, number> {
  const row = last === undefined ? undefined : table.get(last)
  const out = new Map<string, number>()
  if (!row) return out
  let total = 0
  for (const n of row.values()) total += n
  for (const [c, n] of row) out.set(c, n / total)
  return out
}

export const mostFrequentBaseline: Trainer = (train) => {
  const order = unigramOrder(train)
  return { predict: (_text, _history, k) => order.slice(0, k) }
}

export const bigramBaseline: Trainer = (train) => {
  const order = unigramOrder(train)
  const table = bigramTable(train)
  return { predict: (_text, history, k) => rank(bigramProbabilities(table, history[history.length - 1]), k, order) }
}

/** Sparse unit-length TF-IDF vectors with cosine similarity. */
class TfIdf {
  private readonly idf = new Map<string, number>()
  readonly vectors: Map<string, number>[]

  constructor(texts: readonly string[]) {
    const bags = texts.map((t) => termCounts(tokenize(t)))
    const df = new Map<string, number>()
    for (const bag of bags) for (const term of bag.keys()) df.set(term, (df.get(term) ?? 0) + 1)
    for (const [term, n] of df) this.idf.set(term, Math.log((1 + texts.length) / (1 + n)) + 1)
    this.vectors = bags.map((bag) => this.vectorOf(bag))
  }

  vectorOf(bag: Map<string, number>): Map<string, number> {
    const v = new Map<string, number>()
    let norm = 0
    for (const [term, tf] of bag) {
      const w = tf * (this.idf.get(term) ?? 0)
      if (w > 0) v.set(term, w)
      norm += w * w
    }
    norm = Math.sqrt(norm) || 1
    for (const [term, w] of v) v.set(term, w / norm)
    return v
  }

  query(text: string): Map<string, number> {
    return this.vectorOf(termCounts(tokenize(text)))
  }
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0
  for (const [term, w] of a) dot += w * (b.get(term) ?? 0)
  return dot
}

/**
 * Bigram mixed half and half with the votes of the 10 nearest training flows by TF-IDF
 * cosine of name + description: each neighbour votes, by similarity, for the commands
 * that followed the same last command in its flow.
 */
export function bigramKnnBaseline(neighbours = 10, knnWeight = 0.5): Trainer {
  return (train) => {
    const order = unigramOrder(train)
    const table = bigramTable(train)
    const tfidf = new TfIdf(train.map((f) => f.text))
    const cache = new Map<string, { flow: EvalFlow; sim: number }[]>()
    const nearest = (text: string): { flow: EvalFlow; sim: number }[] => {
      let hit = cache.get(text)
      if (!hit) {
        const q = tfidf.query(text)
        hit = train
          .map((flow, i) => ({ flow, sim: cosine(q, tfidf.vectors[i] ?? new Map()) }))
          .filter((x) => x.sim > 0)
          .sort((a, b) => b.sim - a.sim)
          .slice(0, neighbours)
        cache.set(text, hit)
      }
      return hit
    }
    const predictor: Predictor = {
      predict(text, history, k) {
        const last = history[history.length - 1]
        const votes = new Map<string, number>()
        let total = 0
        for (const { flow, sim } of nearest(text)) {
          for (let j = 1; j < flow.commands.length; j++) {
            if (flow.commands[j - 1] !== last) continue
            const c = flow.commands[j] as string
            votes.set(c, (votes.get(c) ?? 0) + sim)
            total += sim
          }
        }
        const scores = bigramProbabilities(table, last)
        for (const [c, p] of scores) scores.set(c, p * (total > 0 ? 1 - knnWeight : 1))
        for (const [c, v] of votes) scores.set(c, (scores.get(c) ?? 0) + (knnWeight * v) / total)
        return rank(scores, k, order)
      }
    }
    return predictor
  }
}
