/** The cold-start prior: public playbook flows mapped to Virgil's command names. */
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { VirgilError } from '../../../shared/errors'
import { NgramModel } from './ngram'

export const SuggestPriorSchema = z.object({
  version: z.literal(1),
  attribution: z.object({ source: z.string(), licence: z.string(), notice: z.string() }),
  /** Virgil commands the prior knows. */
  commands: z.array(z.string()),
  /** Which source steps were mapped to which command, for review. */
  mapping: z.record(z.string(), z.string()).optional(),
  /** Mapped flows with how many playbooks had exactly that flow. */
  flows: z.array(z.object({ commands: z.array(z.string()).min(1), count: z.number().int().positive(), names: z.array(z.string()).optional() }))
})

export type SuggestPrior = z.infer<typeof SuggestPriorSchema>

/** Validates parsed JSON as a prior; a broken file is reported, not half-used. */
export function parsePrior(json: unknown): SuggestPrior {
  const parsed = SuggestPriorSchema.safeParse(json)
  if (!parsed.success) {
    throw new VirgilError('INTERNAL', `The suggestion prior (suggest-prior.json) is malformed: ${parsed.error.issues[0]?.message ?? 'unknown'}. Rebuild it with scripts/build-prior.ts.`)
  }
  return parsed.data
}

export function priorModel(prior: SuggestPrior): NgramModel {
  const model = new NgramModel(3)
  for (const f of prior.flows) model.addFlow(f.commands, 1, f.count)
  return model
}

/** Reads and validates the prior shipped in resources/suggest-prior.json. */
export function readPriorFile(path: string): SuggestPrior {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e) {
    throw new VirgilError('NOT_FOUND', `The suggestion prior could not be read from ${path} (${(e as Error).message}). Suggestions will use local history only; reinstall Virgil to restore it.`)
  }
  try {
    return parsePrior(JSON.parse(text))
  } catch (e) {
    if (e instanceof VirgilError) throw e
    throw new VirgilError('INTERNAL', `The suggestion prior at ${path} is not valid JSON. Rebuild it with scripts/build-prior.ts.`)
  }
}
