/**
 * Snippets made in JavaScript for the lines shown, from the FTS5 expression that found them: the
 * words of the line are split the way the index splits them (unicode61: letters and digits, case
 * and accents folded), matching words are wrapped in the highlight markers, and a window of words
 * around the first match is kept. FTS5's own snippet() costs a pass over every matching line
 * before the sort; this costs one pass over the few lines returned.
 */
interface Term {
  text: string
  prefix: boolean
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

/** The words to highlight: every quoted term of the expression not negated by NOT. */
export function highlightTerms(expression: string): Term[] {
  const terms: Term[] = []
  const re = /(NOT\s+)?"((?:[^"]|"")*)"(\*)?/g
  for (let m = re.exec(expression); m; m = re.exec(expression)) {
    if (m[1]) continue
    const words = fold((m[2] ?? '').replace(/""/g, '"')).match(WORD) ?? []
    words.forEach((w, i) => terms.push({ text: w, prefix: Boolean(m?.[3]) && i === words.length - 1 }))
  }
  return terms
}

export function makeSnippet(body: string, terms: Term[], start: string, end: string, ellipsis = '…', size = 14): string {
  const words: { from: number; to: number; hit: boolean }[] = []
  for (const m of body.matchAll(WORD)) {
    const w = fold(m[0])
    const hit = terms.some((t) => (t.prefix ? w.startsWith(t.text) : w === t.text))
    words.push({ from: m.index, to: m.index + m[0].length, hit })
  }
  if (words.length === 0) return body
  const first = Math.max(0, words.findIndex((w) => w.hit))
  const from = Math.max(0, Math.min(first - 3, words.length - size))
  const to = Math.min(words.length, from + size)
  let out = from > 0 ? ellipsis : ''
  let at = from > 0 ? (words[from]?.from ?? 0) : 0
  for (let i = from; i < to; i++) {
    const w = words[i] as (typeof words)[number]
    out += body.slice(at, w.from)
    out += w.hit ? `${start}${body.slice(w.from, w.to)}${end}` : body.slice(w.from, w.to)
    at = w.to
  }
  out += to < words.length ? ellipsis : body.slice(at)
  return out
}
