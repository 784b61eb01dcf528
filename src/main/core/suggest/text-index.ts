import { termCounts, tokenize } from './tokenize'

export interface ScoredId {
  id: string
  score: number
}

const K1 = 1.2
const B = 0.75

/** Document slots and term frequencies of one term, in growable typed arrays. */
interface Posting {
  slots: Int32Array
  tfs: Uint16Array
  length: number
}

function grow<T extends Int32Array | Uint16Array | Float64Array>(a: T, min: number, make: (n: number) => T): T {
  if (a.length >= min) return a
  const bigger = make(Math.max(min, a.length * 2))
  bigger.set(a)
  return bigger
}

const newInt32 = (n: number): Int32Array => new Int32Array(n)
const newUint16 = (n: number): Uint16Array => new Uint16Array(n)

/**
 * Incremental BM25 index over short texts. Adding or removing a document costs
 * O(its distinct terms) (removing, O(their postings)); a query costs O(postings of its terms), skipping terms
 * so common they cannot separate documents, and allocates nothing in proportion to the index.
 */
export class TextIndex {
  private readonly postings = new Map<string, Posting>()
  private readonly slotOf = new Map<string, number>()
  private ids: (string | undefined)[] = []
  /** Each slot's text, re-read to unfile it on removal (the caller keeps the string anyway). */
  private texts: (string | undefined)[] = []
  private lengths = new Float64Array(64)
  /** BM25 length normalisation per slot, for the average length it was computed at. */
  private norms = new Float64Array(64)
  private normsAt = -1
  private readonly free: number[] = []
  private scratch = new Float64Array(64)
  private touched = new Int32Array(64)
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
    const slot = this.free.pop() ?? this.ids.length
    if (slot >= this.lengths.length) {
      const n = this.lengths.length * 2
      this.lengths = grow(this.lengths, n, (m) => new Float64Array(m))
      this.norms = new Float64Array(n)
      this.scratch = new Float64Array(n)
      this.touched = new Int32Array(n)
    }
    this.normsAt = -1
    this.slotOf.set(id, slot)
    this.ids[slot] = id
    this.texts[slot] = text
    this.lengths[slot] = tokens.length
    this.totalLength += tokens.length
    // A term seen earlier in this text is its posting's last entry: count it there (no term map).
    for (const term of tokens) {
      let posting = this.postings.get(term)
      if (!posting) this.postings.set(term, (posting = { slots: new Int32Array(4), tfs: new Uint16Array(4), length: 0 }))
      const last = posting.length - 1
      if (last >= 0 && posting.slots[last] === slot) {
        if ((posting.tfs[last] as number) < 0xffff) posting.tfs[last] = (posting.tfs[last] as number) + 1
        continue
      }
      if (posting.length === posting.slots.length) {
        posting.slots = grow(posting.slots, posting.length + 1, newInt32)
        posting.tfs = grow(posting.tfs, posting.length + 1, newUint16)
      }
      posting.slots[posting.length] = slot
      posting.tfs[posting.length] = 1
      posting.length++
    }
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id)
    if (slot === undefined) return
    this.slotOf.delete(id)
    this.totalLength -= this.lengths[slot] as number
    this.normsAt = -1
    for (const term of new Set(tokenize(this.texts[slot] ?? ''))) {
      const posting = this.postings.get(term)
      if (!posting) continue
      const at = posting.slots.subarray(0, posting.length).indexOf(slot)
      if (at >= 0) {
        posting.length--
        posting.slots[at] = posting.slots[posting.length] as number
        posting.tfs[at] = posting.tfs[posting.length] as number
      }
      if (posting.length === 0) this.postings.delete(term)
    }
    this.ids[slot] = undefined
    this.texts[slot] = undefined
    this.free.push(slot)
  }

  idf(term: string): number {
    const df = this.postings.get(term)?.length ?? 0
    const n = this.slotOf.size
    return Math.log(1 + (n - df + 0.5) / (df + 0.5))
  }

  private lengthNorms(avgLength: number): Float64Array {
    if (this.normsAt !== avgLength) {
      for (let s = 0; s < this.ids.length; s++) this.norms[s] = K1 * (1 - B + (B * (this.lengths[s] as number)) / avgLength)
      this.normsAt = avgLength
    }
    return this.norms
  }

  /**
   * Top k documents by BM25, scores divided by the score a document made of the
   * query's own terms would get, so they land roughly in (0, 1].
   */
  query(text: string, k: number, exclude?: ReadonlySet<string>): ScoredId[] {
    const n = this.slotOf.size
    if (n === 0 || k <= 0) return []
    const norms = this.lengthNorms(this.totalLength / n || 1)
    const scores = this.scratch
    const touched = this.touched
    let touchedCount = 0
    let ideal = 0
    for (const [term, qtf] of termCounts(tokenize(text))) {
      const posting = this.postings.get(term)
      if (!posting) continue
      const weight = this.idf(term) * Math.min(qtf, 2)
      ideal += weight
      if (posting.length > n * 0.5 && n > 20) continue
      const { slots, tfs, length } = posting
      const lift = weight * (K1 + 1)
      for (let p = 0; p < length; p++) {
        const slot = slots[p] as number
        const tf = tfs[p] as number
        if (scores[slot] === 0) touched[touchedCount++] = slot
        scores[slot] = (scores[slot] as number) + (lift * tf) / (tf + (norms[slot] as number))
      }
    }
    const excluded = new Set<number>()
    for (const id of exclude ?? []) {
      const slot = this.slotOf.get(id)
      if (slot !== undefined) excluded.add(slot)
    }
    const best: number[] = []
    const bestScores: number[] = []
    for (let t = 0; t < touchedCount; t++) {
      const slot = touched[t] as number
      const score = scores[slot] as number
      scores[slot] = 0
      if (score <= 0 || excluded.has(slot)) continue
      if (best.length === k && !this.before(score, slot, bestScores[k - 1] as number, best[k - 1] as number)) continue
      let i = best.length === k ? k - 1 : best.length
      while (i > 0 && this.before(score, slot, bestScores[i - 1] as number, best[i - 1] as number)) {
        best[i] = best[i - 1] as number
        bestScores[i] = bestScores[i - 1] as number
        i--
      }
      best[i] = slot
      bestScores[i] = score
    }
    if (ideal === 0) return []
    return best.map((slot, i) => ({ id: this.ids[slot] as string, score: Math.min(1, (bestScores[i] as number) / ideal) }))
  }

  /** Higher score first; equal scores by id, so results do not depend on slot order. */
  private before(score: number, slot: number, otherScore: number, otherSlot: number): boolean {
    if (score !== otherScore) return score > otherScore
    return (this.ids[slot] as string) < (this.ids[otherSlot] as string)
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
