import { termCounts, tokenize } from './tokenize'

export interface ScoredId {
  id: string
  score: number
}

const K1 = 1.2
const B = 0.75

/**
 * Incremental BM25 index over short texts. Adding or removing a document costs
 * O(its distinct terms) (removing, O(their postings)); a query costs O(postings of its terms), skipping terms
 * so common they cannot separate documents.
 */
export class TextIndex {
  /** term → parallel lists of document slots and term frequencies. */
  private readonly postings = new Map<string, { slots: number[]; tfs: number[] }>()
  private readonly slotOf = new Map<string, number>()
  private ids: (string | undefined)[] = []
  private terms: (Map<string, number> | undefined)[] = []
  private lengths = new Float64Array(64)
  private readonly free: number[] = []
  private scratch = new Float64Array(64)
  private totalLength = 0

  get size(): number {
    return this.slotOf.size
  }

  has(id: string): boolean {
    return this.slotOf.has(id)
  }

  set(id: string, text: string): void {
    this.remove(id)
    const tokens = tokenize(text)
    const terms = termCounts(tokens)
    const slot = this.free.pop() ?? this.ids.length
    if (slot >= this.lengths.length) {
      const grown = new Float64Array(this.lengths.length * 2)
      grown.set(this.lengths)
      this.lengths = grown
      this.scratch = new Float64Array(grown.length)
    }
    this.slotOf.set(id, slot)
    this.ids[slot] = id
    this.terms[slot] = terms
    this.lengths[slot] = tokens.length
    this.totalLength += tokens.length
    for (const [term, tf] of terms) {
      let posting = this.postings.get(term)
      if (!posting) this.postings.set(term, (posting = { slots: [], tfs: [] }))
      posting.slots.push(slot)
      posting.tfs.push(tf)
    }
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id)
    if (slot === undefined) return
    this.slotOf.delete(id)
    this.totalLength -= this.lengths[slot] as number
    for (const term of this.terms[slot]?.keys() ?? []) {
      const posting = this.postings.get(term)
      if (!posting) continue
      const at = posting.slots.indexOf(slot)
      if (at >= 0) {
        posting.slots[at] = posting.slots[posting.slots.length - 1] as number
        posting.tfs[at] = posting.tfs[posting.tfs.length - 1] as number
        posting.slots.pop()
        posting.tfs.pop()
      }
      if (posting.slots.length === 0) this.postings.delete(term)
    }
    this.ids[slot] = undefined
    this.terms[slot] = undefined
    this.free.push(slot)
  }

  idf(term: string): number {
    const df = this.postings.get(term)?.slots.length ?? 0
    const n = this.slotOf.size
    return Math.log(1 + (n - df + 0.5) / (df + 0.5))
  }

  /**
   * Top k documents by BM25, scores divided by the score a document made of the
   * query's own terms would get, so they land roughly in (0, 1].
   */
  query(text: string, k: number, exclude?: ReadonlySet<string>): ScoredId[] {
    const n = this.slotOf.size
    if (n === 0 || k <= 0) return []
    const avgLength = this.totalLength / n || 1
    const queryTerms = termCounts(tokenize(text))
    const scores = this.scratch
    const touched: number[] = []
    let ideal = 0
    for (const [term, qtf] of queryTerms) {
      const posting = this.postings.get(term)
      if (!posting) continue
      const idf = this.idf(term)
      const weight = idf * Math.min(qtf, 2)
      ideal += weight
      const { slots, tfs } = posting
      if (slots.length > n * 0.5 && n > 20) continue
      for (let p = 0; p < slots.length; p++) {
        const slot = slots[p] as number
        const tf = tfs[p] as number
        const norm = tf + K1 * (1 - B + (B * (this.lengths[slot] as number)) / avgLength)
        if (scores[slot] === 0) touched.push(slot)
        scores[slot] = (scores[slot] as number) + (weight * tf * (K1 + 1)) / norm
      }
    }
    const byId = new Map<string, number>()
    for (const slot of touched) {
      byId.set(this.ids[slot] as string, scores[slot] as number)
      scores[slot] = 0
    }
    if (ideal === 0) return []
    return topK(byId, k, exclude).map(({ id, score }) => ({ id, score: Math.min(1, score / ideal) }))
  }
}

/** The k highest entries of a score map, best first (ties broken by id for stable output). */
export function topK(scores: Map<string, number>, k: number, exclude?: ReadonlySet<string>): ScoredId[] {
  const best: ScoredId[] = []
  for (const [id, score] of scores) {
    if (score <= 0 || exclude?.has(id)) continue
    if (best.length === k) {
      const last = best[k - 1]
      if (last && (score < last.score || (score === last.score && id > last.id))) continue
      best.pop()
    }
    let i = best.length
    while (i > 0) {
      const prev = best[i - 1]
      if (!prev || prev.score > score || (prev.score === score && prev.id < id)) break
      i--
    }
    best.splice(i, 0, { id, score })
  }
  return best
}
