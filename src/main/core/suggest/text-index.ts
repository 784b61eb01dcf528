import { termCounts, tokenize } from './tokenize'

export interface ScoredId {
  id: string
  score: number
}

const K1 = 1.2
const B = 0.75

/**
 * Incremental BM25 index over short texts. Adding or removing a document costs
 * O(its distinct terms); a query costs O(postings of its terms), skipping terms
 * so common they cannot separate documents.
 */
export class TextIndex {
  private readonly postings = new Map<string, Map<string, number>>()
  private readonly docs = new Map<string, { terms: Map<string, number>; length: number }>()
  private totalLength = 0

  get size(): number {
    return this.docs.size
  }

  has(id: string): boolean {
    return this.docs.has(id)
  }

  set(id: string, text: string): void {
    this.remove(id)
    const tokens = tokenize(text)
    const terms = termCounts(tokens)
    this.docs.set(id, { terms, length: tokens.length })
    this.totalLength += tokens.length
    for (const [term, tf] of terms) {
      let posting = this.postings.get(term)
      if (!posting) this.postings.set(term, (posting = new Map()))
      posting.set(id, tf)
    }
  }

  remove(id: string): void {
    const doc = this.docs.get(id)
    if (!doc) return
    this.docs.delete(id)
    this.totalLength -= doc.length
    for (const term of doc.terms.keys()) {
      const posting = this.postings.get(term)
      posting?.delete(id)
      if (posting?.size === 0) this.postings.delete(term)
    }
  }

  idf(term: string): number {
    const df = this.postings.get(term)?.size ?? 0
    const n = this.docs.size
    return Math.log(1 + (n - df + 0.5) / (df + 0.5))
  }

  /**
   * Top k documents by BM25, scores divided by the score a document made of the
   * query's own terms would get, so they land roughly in (0, 1].
   */
  query(text: string, k: number, exclude?: ReadonlySet<string>): ScoredId[] {
    const n = this.docs.size
    if (n === 0 || k <= 0) return []
    const avgLength = this.totalLength / n || 1
    const queryTerms = termCounts(tokenize(text))
    const scores = new Map<string, number>()
    let ideal = 0
    for (const [term, qtf] of queryTerms) {
      const posting = this.postings.get(term)
      if (!posting) continue
      const idf = this.idf(term)
      const weight = idf * Math.min(qtf, 2)
      ideal += weight
      if (posting.size > n * 0.5 && n > 20) continue
      for (const [id, tf] of posting) {
        const doc = this.docs.get(id)
        const norm = tf + K1 * (1 - B + (B * (doc?.length ?? avgLength)) / avgLength)
        scores.set(id, (scores.get(id) ?? 0) + (weight * tf * (K1 + 1)) / norm)
      }
    }
    if (ideal === 0) return []
    return topK(scores, k, exclude).map(({ id, score }) => ({ id, score: Math.min(1, score / ideal) }))
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
