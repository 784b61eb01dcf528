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
  const spaced = text.replace(/([a-z])([A-Z])/g, '$1 $2')
  const out: string[] = []
  for (const raw of spaced.toLowerCase().split(/[^a-z0-9]+/)) {
    if (raw.length < 2 || /^\d+$/.test(raw) || STOPWORDS.has(raw)) continue
    out.push(stem(raw))
  }
  return out
}

/** Term frequencies of a token list. */
export function termCounts(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1)
  return counts
}
