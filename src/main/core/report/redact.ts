/** Credential shapes that must never leave in a report, whatever a service echoed back. */
const PATTERNS: [RegExp, string][] = [
  [/\bxox[abpors]-[A-Za-z0-9-]{10,}/g, '[secret removed]'],
  [/\bxapp-[A-Za-z0-9-]{10,}/g, '[secret removed]'],
  [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/g, '[secret removed]'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{12,}/g, '$1 [secret removed]'],
  [/((?:api[_-]?key|apikey|x-apikey|password|passwd|secret|token)["']?\s*[:=]\s*["']?)(?!\[secret)[^\s"'&<,;}]{4,}/gi, '$1[secret removed]']
]

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/**
 * Removes the vault's secret values (as written, and as HTML shows them) and anything shaped like a
 * credential. Runs over the finished document, so no section can forget to.
 */
export function redactSecrets(doc: string, secrets: string[]): string {
  let out = doc
  for (const s of secrets) {
    if (s.length < 6) continue
    for (const form of new Set([s, escapeHtml(s), JSON.stringify(s).slice(1, -1)])) out = out.replace(new RegExp(escapeRe(form), 'g'), '[secret removed]')
  }
  for (const [re, by] of PATTERNS) out = out.replace(re, by)
  return out
}
