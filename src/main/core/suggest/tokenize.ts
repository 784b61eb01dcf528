const STOPWORDS = new Set(
  (
    'a an and are as at be by for from has have in into is it its of on or that the this to was were will with ' +
    'when which who if then than not no do does use used using via can may also all any each other these those ' +
    'playbook playbooks incident incidents run runs'
  ).split(' ')
)

/** Light suffix stripping so "files"/"file" and "detonates"/"detonate" meet. */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return word.slice(0, -3) + 'y'
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1)
  return word
}

/**
 * Splits free text (and camelCase or kebab-case identifiers) into index terms:
 * lower case, stop words dropped, numbers and single letters dropped.
 */
export function tokenize(text: string): string[] {
  return isAscii(text) ? tokenizeAscii(text) : tokenizeAny(text)
}

function tokenizeAny(text: string): string[] {
  const spaced = text.replace(/([a-z])([A-Z])/g, '$1 $2')
  const out: string[] = []
  for (const raw of spaced.toLowerCase().split(/[^a-z0-9]+/)) keep(raw, out)
  return out
}

function keep(raw: string, out: string[]): void {
  if (raw.length < 2 || STOPWORDS.has(raw)) return
  let digits = true
  for (let i = 0; i < raw.length && digits; i++) digits = raw.charCodeAt(i) <= 57
  if (!digits) out.push(stem(raw))
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false
  return true
}

/**
 * The same terms as tokenizeAny, without the regular expressions (index builds call this for
 * every case): lower to upper case inside a word starts a new word, anything but a-z0-9 ends one.
 */
function tokenizeAscii(text: string): string[] {
  const lower = text.toLowerCase()
  const out: string[] = []
  let start = -1
  let prevLower = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    const isLower = c >= 97 && c <= 122
    const isUpper = c >= 65 && c <= 90
    const word = isLower || isUpper || (c >= 48 && c <= 57)
    if (!word || (isUpper && prevLower)) {
      if (start >= 0) keep(lower.slice(start, i), out)
      start = word ? i : -1
    } else if (start < 0) start = i
    prevLower = isLower
  }
  if (start >= 0) keep(lower.slice(start), out)
  return out
}

/** Term frequencies of a token list. */
export function termCounts(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1)
  return counts
}
