/** The structured block a command posts to the room; `raw` keeps the service's answer as received. */
export type Tone = 'ok' | 'info' | 'warn' | 'danger'

export interface OutputField {
  label: string
  value: string
  tone?: Tone
}

export interface OutputTable {
  columns: string[]
  rows: string[][]
}

export interface CommandOutput {
  title: string
  summary?: string
  tone?: Tone
  fields?: OutputField[]
  table?: OutputTable
  /** Preformatted text (defanged IOCs, decoded base64, ...). */
  text?: string
  /** The raw response, shown one click away. */
  raw?: unknown
}
