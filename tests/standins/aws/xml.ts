/** A value the tiny XML writer knows: text, a date, nested elements, or a list rendered as repeated <item>/<member>. */
export type XmlValue = string | number | boolean | Date | undefined | null | XmlValue[] | { [tag: string]: XmlValue }

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c)
}

export function renderXml(value: XmlValue, listItem: string): string {
  if (value === undefined || value === null) return ''
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map((v) => `<${listItem}>${renderXml(v, listItem)}</${listItem}>`).join('')
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([tag, v]) => `<${tag}>${renderXml(v, listItem)}</${tag}>`)
      .join('')
  }
  return escapeXml(String(value))
}

export function xmlDocument(root: string, namespace: string | undefined, body: XmlValue, listItem: string): string {
  const ns = namespace ? ` xmlns="${namespace}"` : ''
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${ns}>${renderXml(body, listItem)}</${root}>`
}

/** Reads Query-protocol lists: prefix.1, prefix.2, ... in order. */
export function queryList(params: URLSearchParams, prefix: string): string[] {
  const out: string[] = []
  for (let i = 1; params.has(`${prefix}.${i}`); i++) out.push(params.get(`${prefix}.${i}`) ?? '')
  return out
}

/** Reads Query-protocol lists of structures: prefix.N.field... → one URLSearchParams per N, keys relative. */
export function queryStructs(params: URLSearchParams, prefix: string): URLSearchParams[] {
  const byIndex = new Map<number, URLSearchParams>()
  for (const [key, value] of params) {
    if (!key.startsWith(`${prefix}.`)) continue
    const rest = key.slice(prefix.length + 1)
    const dot = rest.indexOf('.')
    const index = Number(dot === -1 ? rest : rest.slice(0, dot))
    if (!Number.isInteger(index) || dot === -1) continue
    const entry = byIndex.get(index) ?? new URLSearchParams()
    entry.append(rest.slice(dot + 1), value)
    byIndex.set(index, entry)
  }
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, v]) => v)
}
