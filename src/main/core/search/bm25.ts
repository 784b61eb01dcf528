import type { Db } from '../db/open-db'

/**
 * BM25 computed here for the candidate lines, with FTS5's own formula (k1 1.2, b 0.75, idf floored
 * at 1e-6), instead of FTS5's bm25(): that function counts, on every query, the lines holding each
 * phrase by walking the phrase's whole list, which for a word in 900k of 1M lines ("ticket") costs
 * more than all the rest of the search. Here a phrase's line count is exact up to 1,000 and above
 * that estimated from how densely its newest 1,000 lines sit among the newest rowids; counts are
 * kept until the index has grown by 1%, which moves an idf by less than 0.01.
 */
export interface Phrase {
  words: string[]
  prefix: boolean
}

const K1 = 1.2
const B = 0.75
const WORD = /[\p{L}\p{N}\p{M}]+/gu
/** Lines counted exactly before a phrase's count is estimated from their density. */
const SAMPLE = 1000

export function fold(s: string): string {
  // eslint-disable-next-line no-control-regex
  const plain = /^[\u0000-\u007f]*$/.test(s) ? s : s.normalize('NFD').replace(/\p{M}/gu, '')
  return plain.toLowerCase()
}

export const wordsOf = (text: string): string[] => fold(text).match(WORD) ?? []

/** The phrases of an FTS5 expression that count towards the rank: every quoted term not negated by NOT. */
export function phrasesOf(expression: string): Phrase[] {
  const out: Phrase[] = []
  const re = /(NOT\s+)?"((?:[^"]|"")*)"(\*)?/g
  for (let m = re.exec(expression); m; m = re.exec(expression)) {
    if (m[1]) continue
    const words = wordsOf((m[2] ?? '').replace(/""/g, '"'))
    if (words.length) out.push({ words, prefix: Boolean(m[3]) })
  }
  return out
}

interface Stats {
  docs: number
  avgLength: number
  df: Map<string, number>
}

const cache = new WeakMap<Db, Stats>()

/** Rows and tokens in the index, from FTS5's averages record (two varints). */
function totals(db: Db): { docs: number; tokens: number } {
  const block = (db.prepare('SELECT block FROM search_fts_data WHERE id = 1').get() as { block: Buffer } | undefined)?.block
  const values: number[] = []
  let v = 0
  for (const byte of block ?? []) {
    v = v * 128 + (byte & 0x7f)
    if (byte < 0x80) {
      values.push(v)
      v = 0
    }
  }
  return { docs: values[0] ?? 0, tokens: values[1] ?? 0 }
}

function statsFor(db: Db): Stats {
  const { docs, tokens } = totals(db)
  const kept = cache.get(db)
  if (kept && Math.abs(docs - kept.docs) <= kept.docs / 100) return kept
  const fresh = { docs, avgLength: docs ? tokens / docs : 1, df: new Map<string, number>() }
  cache.set(db, fresh)
  return fresh
}

const quote = (p: Phrase): string => `"${p.words.join(' ').replace(/"/g, '""')}"${p.prefix ? '*' : ''}`

function documentFrequency(db: Db, s: Stats, p: Phrase): number {
  const expression = quote(p)
  let n = s.df.get(expression)
  if (n !== undefined) return n
  const newest = db.prepare('SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT ?').pluck().all(expression, SAMPLE) as number[]
  const top = newest[0] ?? 0
  const last = newest[newest.length - 1] ?? 0
  n = newest.length < SAMPLE ? newest.length : Math.min(s.docs, (SAMPLE * s.docs) / Math.max(SAMPLE, top - last + 1))
  s.df.set(expression, n)
  return n
}

function hits(tokens: string[], p: Phrase): number {
  let n = 0
  const last = p.words.length - 1
  for (let i = 0; i + last < tokens.length; i++) {
    let k = 0
    while (k <= last && (k === last && p.prefix ? (tokens[i + k] as string).startsWith(p.words[k] as string) : tokens[i + k] === p.words[k])) k++
    if (k > last) n++
  }
  return n
}

/** A scorer for lines of the index: lower is better, as FTS5's rank. */
export function bm25Scorer(db: Db, phrases: Phrase[]): (body: string) => number {
  const s = statsFor(db)
  const idf = phrases.map((p) => {
    const n = documentFrequency(db, s, p)
    const v = Math.log((s.docs - n + 0.5) / (n + 0.5))
    return v > 0 ? v : 1e-6
  })
  return (body) => {
    const tokens = wordsOf(body)
    const norm = K1 * (1 - B + (B * tokens.length) / s.avgLength)
    let score = 0
    phrases.forEach((p, i) => {
      const f = hits(tokens, p)
      if (f) score += ((idf[i] as number) * f * (K1 + 1)) / (f + norm)
    })
    return -score
  }
}
