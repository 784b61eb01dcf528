import type { CommandOutput } from '../../../shared/command-output'
import type { ErrorInfo } from '../../../shared/errors'

/** A command's output block as plain lines, the way the room shows it (raw answer excluded). */
export function outputLines(output: CommandOutput | undefined, error: ErrorInfo | undefined): string[] {
  const lines: string[] = []
  if (error) lines.push(`Error: ${error.message}`)
  if (!output) return lines
  lines.push(output.title)
  if (output.summary) lines.push(output.summary)
  for (const f of output.fields ?? []) lines.push(`${f.label}: ${f.value}`)
  if (output.table) {
    lines.push(output.table.columns.join(' | '))
    for (const r of output.table.rows) lines.push(r.join(' | '))
  }
  if (output.text) lines.push(...output.text.split('\n'))
  return lines
}

/** The raw answer as indented JSON, capped so one huge answer cannot swallow the report. */
export function rawText(raw: unknown, cap = 100_000): string | null {
  if (raw === undefined || raw === null) return null
  const s = typeof raw === 'string' ? raw : JSON.stringify(raw, null, 2)
  return s.length > cap ? `${s.slice(0, cap)}\n… (${s.length - cap} more characters in the evidence export)` : s
}
