import type { CommandOutput } from '../../../shared/command-output'

/** The words of a command's output block, for search and reports (the raw answer is left out). */
export function outputText(output: CommandOutput | null | undefined): string {
  if (!output) return ''
  const parts = [output.title, output.summary ?? '']
  for (const f of output.fields ?? []) parts.push(`${f.label}: ${f.value}`)
  if (output.table) {
    parts.push(output.table.columns.join(' '))
    for (const row of output.table.rows) parts.push(row.join(' '))
  }
  if (output.text) parts.push(output.text)
  return parts.filter((p) => p !== '').join('\n')
}
