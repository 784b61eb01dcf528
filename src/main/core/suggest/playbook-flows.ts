/**
 * Reads a flows file (JSON lines) into evaluation flows. A row needs id, name and commands;
 * description, tags, pack and category are used when present. A broken line is named and
 * skipped, never fatal: the caller gets the flows and the problems.
 */
import { z } from 'zod'
import type { EvalFlow } from './evaluate'

const text = z.string().nullish()
const FlowRow = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  name: z.string(),
  commands: z.array(z.string().min(1)),
  description: text,
  tags: z.array(z.string()).nullish(),
  pack: text,
  category: text,
  deprecated: z.boolean().nullish()
})

export type FlowRow = z.infer<typeof FlowRow>

export interface PlaybookFlow {
  row: FlowRow
  deprecated: boolean
  flow: EvalFlow
}

export interface FlowsFile {
  flows: PlaybookFlow[]
  /** One entry per skipped line: its 1-based number and what was wrong. */
  skipped: { line: number; problem: string }[]
  /** Rows that carried a pack (the grouped split needs it; rows without one form their own group). */
  withPack: number
}

function problemOf(error: z.ZodError): string {
  const issue = error.issues[0]
  return issue ? `${issue.path.join('.') || 'row'}: ${issue.message}` : 'invalid row'
}

export function readFlowsFile(jsonl: string): FlowsFile {
  const flows: PlaybookFlow[] = []
  const skipped: FlowsFile['skipped'] = []
  let withPack = 0
  for (const [i, line] of jsonl.split('\n').entries()) {
    if (!line.trim()) continue
    let json: unknown
    try {
      json = JSON.parse(line)
    } catch (e) {
      skipped.push({ line: i + 1, problem: `not JSON (${(e as Error).message})` })
      continue
    }
    const parsed = FlowRow.safeParse(json)
    if (!parsed.success) {
      skipped.push({ line: i + 1, problem: problemOf(parsed.error) })
      continue
    }
    const row = parsed.data
    if (row.pack) withPack++
    const tags = [...(row.tags ?? []), ...(row.category ? [row.category] : [])]
    flows.push({
      row,
      deprecated: row.deprecated === true,
      flow: {
        id: `${row.pack ?? ''}/${row.id}#${i + 1}`,
        group: row.pack ? `pack:${row.pack}` : `flow:${row.id}#${i + 1}`,
        text: `${row.name}\n${row.description ?? ''}`,
        commands: row.commands,
        ...(tags.length > 0 ? { tags } : {})
      }
    })
  }
  return { flows, skipped, withPack }
}

/** The flows alone; throws nothing, skips what it cannot read (see readFlowsFile for the list). */
export function readPlaybookFlows(jsonl: string): PlaybookFlow[] {
  return readFlowsFile(jsonl).flows
}
