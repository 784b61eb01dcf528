import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { bigramBaseline } from '../../../src/main/core/suggest/baselines'
import { engineTrainer } from '../../../src/main/core/suggest/engine-trainer'
import { evaluate, splitFlows } from '../../../src/main/core/suggest/evaluate'
import { readPlaybookFlows } from '../../../src/main/core/suggest/playbook-flows'

const FLOWS = join(process.cwd(), '../shared/data/xsoar-playbook-flows.jsonl')
const present = existsSync(FLOWS)
if (!present) console.warn(`skipping the real-flows evaluation: ${FLOWS} is absent (shared/ is not beside the repo)`)

describe.skipIf(!present)('engine on the public XSOAR flows (one seed)', () => {
  it('beats bigram on the pack-grouped split', () => {
    const flows = readPlaybookFlows(readFileSync(FLOWS, 'utf8')).map((p) => p.flow)
    const { train, test } = splitFlows(flows, 'pack', 0)
    expect(new Set(train.map((f) => f.group)).size).toBeGreaterThan(100)
    for (const f of test) expect(train.some((t) => t.group === f.group)).toBe(false)
    const bigram = evaluate(bigramBaseline(train), test)
    const engine = evaluate(engineTrainer()(train), test)
    expect(engine.n).toBeGreaterThan(500)
    expect(engine.top3).toBeGreaterThan(bigram.top3 + 0.03)
    expect(engine.mrr).toBeGreaterThan(bigram.mrr)
  }, 60_000)
})
