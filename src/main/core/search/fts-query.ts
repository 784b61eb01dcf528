import { wordsOf } from './bm25'

/**
 * Turns what an analyst types into an FTS5 expression: words, "quoted phrases", AND / OR / NOT,
 * parentheses, and `word*`. The last word matches as a prefix (so `phish` finds "phishing" while it
 * is typed); earlier words match whole, unless written `word*`: a prefix of a word found in most
 * lines ("the", "ticket") would cost a merge of every matching word's list on each search. Nor is
 * it a prefix when its last part is shorter than 3 characters (the `7` of `203.0.113.7`): a prefix
 * that short takes in a large share of the index's words.
 * Words are always quoted, so `8.8.8.8`, `evil.example` or `C:\\Users` never read as FTS5 syntax.
 */
export class QuerySyntaxError extends Error {}

const OPERATORS = new Set(['AND', 'OR', 'NOT'])
const MIN_PREFIX = 3

function isPrefixWorthy(word: string): boolean {
  const parts = word.match(/[\p{L}\p{N}\p{M}]+/gu)
  return (parts?.[parts.length - 1]?.length ?? 0) >= MIN_PREFIX
}

function quote(term: string): string {
  return `"${term.replace(/"/g, '""')}"`
}

export function toFtsExpression(query: string): string {
  const out: string[] = []
  let i = 0
  while (i < query.length) {
    const c = query[i] as string
    if (/\s/.test(c)) {
      i++
    } else if (c === '"') {
      const end = query.indexOf('"', i + 1)
      if (end < 0) throw new QuerySyntaxError('a quote is not closed')
      const phrase = query.slice(i + 1, end).trim()
      if (phrase) out.push(quote(phrase) + (query[end + 1] === '*' ? '*' : ''))
      i = end + (query[end + 1] === '*' ? 2 : 1)
    } else if (c === '(' || c === ')') {
      out.push(c)
      i++
    } else {
      let j = i
      while (j < query.length && !/[\s"()]/.test(query[j] as string)) j++
      const word = query.slice(i, j)
      i = j
      if (OPERATORS.has(word)) out.push(word)
      else {
        const bare = word.replace(/\*+$/, '')
        if (bare) out.push(`${quote(bare)}${word.endsWith('*') ? '*' : '\0'}`)
      }
    }
  }
  // The word typed last is a prefix (not when a phrase or an operator ends the query).
  let last = out.length - 1
  while (last >= 0 && out[last] === ')') last--
  return out.map((t, i) => (t.endsWith('\0') ? (i === last && isPrefixWorthy(t) ? `${t.slice(0, -1)}*` : t.slice(0, -1)) : t)).join(' ')
}

/** Every word as a plain term, the last one a prefix (as above): what runs when the expression cannot. */
export function toPlainWords(query: string): string {
  return query
    .split(/\s+/)
    .map((w) => w.replace(/["()*]/g, ''))
    .filter((w) => w.length > 0 && !OPERATORS.has(w))
    .map((w, i, all) => `${quote(w)}${i === all.length - 1 && isPrefixWorthy(w) ? '*' : ''}`)
    .join(' ')
}

/** Words for the notice when FTS5 refuses an expression. */
export function explainFtsError(message: string, query: string): string {
  const trimmed = query.trim()
  if (/^(AND|OR|NOT)\b/.test(trimmed) || /\b(AND|OR|NOT)$/.test(trimmed)) return 'AND, OR and NOT need words on both sides'
  if (/\(\s*\)/.test(trimmed) || /[()]/.test(trimmed)) return 'the parentheses do not pair up'
  return /syntax error/i.test(message) ? 'the search expression is not valid' : message
}

/**
 * FTS5 walks every word of a phrase in step, so `203.0.113.7` costs the lists of `203` and `0`,
 * found in nearly every line. Its last two words as a phrase of their own, ANDed first, are implied
 * by it and rare: FTS5 then seeks the long lists only to the lines holding them. Only where every
 * phrase is required (no OR, no parentheses); what is ranked and highlighted stays the expression.
 */
export function withGuards(expression: string): string {
  if (/\bOR\b|[()]/.test(expression.replace(/"(?:[^"]|"")*"/g, ''))) return expression
  const guards: string[] = []
  for (const m of expression.matchAll(/(NOT\s+)?"((?:[^"]|"")*)"(\*)?/g)) {
    const words = wordsOf((m[2] ?? '').replace(/""/g, '"'))
    if (!m[1] && words.length >= 3) guards.push(`"${words.slice(-2).join(' ')}"${m[3] ?? ''}`)
  }
  return guards.length ? `${guards.join(' AND ')} AND (${expression})` : expression
}
