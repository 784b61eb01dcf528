import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { Checkpoint } from './checkpoint'

const sealSchema = z.object({ chain: z.string(), incidentId: z.string().nullable(), count: z.number().int().nonnegative(), digest: z.string().regex(/^[0-9a-f]{64}$/) })
export const checkpointSchema = z.object({
  version: z.literal(1),
  origin: z.string().min(1),
  at: z.number().int(),
  scope: z.string().min(1),
  numbers: z.record(z.string(), z.string()),
  chains: z.array(sealSchema),
  publicKey: z.string().min(1),
  signature: z.string().min(1)
})

export function parseCheckpoint(text: string): Checkpoint {
  return checkpointSchema.parse(JSON.parse(text)) as Checkpoint
}

/** Writes the latest checkpoint of a workstation as `<origin>.json`, atomically and durably. */
export function writeCheckpointFile(dir: string, checkpoint: Checkpoint): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const file = join(dir, `${checkpoint.origin}.json`)
  const tmp = `${file}.${process.pid}.tmp`
  const fd = openSync(tmp, 'w', 0o600)
  try {
    writeSync(fd, JSON.stringify(checkpoint))
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(tmp, file)
  return file
}

/** The newest readable checkpoint in a folder, optionally of one workstation. Unreadable files are skipped. */
export function latestCheckpointIn(dir: string, origin?: string): Checkpoint | undefined {
  if (!existsSync(dir)) return undefined
  let best: Checkpoint | undefined
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.json')) continue
    if (origin && name !== `${origin}.json`) continue
    try {
      const c = parseCheckpoint(readFileSync(join(dir, name), 'utf8'))
      if (c.scope === 'log' && (!best || c.at > best.at)) best = c
    } catch {
      // a half-written or foreign file: not a checkpoint
    }
  }
  return best
}
