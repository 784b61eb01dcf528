/** Reads shared/data/xsoar-playbook-flows.jsonl into evaluation flows. */
import { z } from 'zod'
import type { EvalFlow } from './evaluate'

const PlaybookRow = z.object({
  pack: z.string(),
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  deprecated: z.boolean().nullish(),
  tags: z.array(z.string()).nullish(),
  commands: z.array(z.string()),
  actions: z.array(z.string()).nullish()
})

export type PlaybookRow = z.infer<typeof PlaybookRow>

export interface PlaybookFlow {
  row: PlaybookRow
  deprecated: boolean
  flow: EvalFlow
}

export function readPlaybookFlows(jsonl: string): PlaybookFlow[] {
  const out: PlaybookFlow[] = []
  for (const [i, line] of jsonl.split('\n').entries()) {
    if (!line.trim()) continue
    const parsed = PlaybookRow.safeParse(JSON.parse(line))
    if (!parsed.success) throw new Error(`Playbook flows line ${i + 1} does not have the expected fields: ${parsed.error.message}`)
    const row = parsed.data
    out.push({
      row,
      deprecated: row.deprecated === true,
      flow: { id: `${row.pack}/${row.id}#${i}`, group: row.pack, text: `${row.name}\n${row.description ?? ''}`, commands: row.commands }
    })
  }
  return out
}
