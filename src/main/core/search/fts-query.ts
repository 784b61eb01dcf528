/**
 * Turns what an analyst types into an FTS5 expression: words, "quoted phrases", AND / OR / NOT,
 * parentheses, and `word*`. The last word matches as a prefix (so `phish` finds "phishing" while it
 * is typed); earlier words match whole, unless written `word*`: a prefix of a word found in most
 * lines ("the", "ticket") would cost a merge of every matching word's list on each search.
 * Words are always quoted, so `8.8.8.8`, `evil.example` or `C:\\Users` never read as FTS5 syntax.
 */
export class QuerySyntaxError extends Error {}

const OPERATORS = new Set(['AND', 'OR', 'NOT'])

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
  return out.map((t, i) => (t.endsWith('\0') ? (i === last ? `${t.slice(0, -1)}*` : t.slice(0, -1)) : t)).join(' ')
}

/** Every word as a plain term, the last one a prefix: what runs when the expression cannot. */
export function toPlainWords(query: string): string {
  return query
    .split(/\s+/)
    .map((w) => w.replace(/["()*]/g, ''))
    .filter((w) => w.length > 0 && !OPERATORS.has(w))
    .map((w, i, all) => `${quote(w)}${i === all.length - 1 ? '*' : ''}`)
    .join(' ')
}

/** Words for the notice when FTS5 refuses an expression. */
export function explainFtsError(message: string, query: string): string {
  const trimmed = query.trim()
  if (/^(AND|OR|NOT)\b/.test(trimmed) || /\b(AND|OR|NOT)$/.test(trimmed)) return 'AND, OR and NOT need words on both sides'
  if (/\(\s*\)/.test(trimmed) || /[()]/.test(trimmed)) return 'the parentheses do not pair up'
  return /syntax error/i.test(message) ? 'the search expression is not valid' : message
}
