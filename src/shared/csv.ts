/**
 * RFC 4180 CSV. Cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) get a leading
 * apostrophe, so an attacker's alert title cannot become a formula in the SOC lead's Excel.
 */
export type Cell = string | number | null | undefined

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return ''
  let s = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export function toCsv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n'
}
