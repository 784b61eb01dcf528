/**
 * How the skip-gram and integration-family weights were chosen, cross-validated:
 *   node --import tsx scripts/select-suggest-tuning.ts --flows ../shared/data/xsoar-playbook-flows.jsonl
 * 1. Nested: for each split (by pack, random) and seed, pick the grid point with the best MRR
 *    over 4 inner folds of the training flows only, then score it on the test flows against
 *    the mixture without either component. This is the honest estimate of the gain.
 * 2. Defaults: the grid point with the best MRR over 4 folds of the whole corpus, folds by pack
 *    and folds by flow summed (what tuning.ts ships).
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { engineTrainer } from '../src/main/core/suggest/engine-trainer'
import { evaluate, seededRandom, splitFlows, type EvalFlow } from '../src/main/core/suggest/evaluate'
import { readFlowsFile } from '../src/main/core/suggest/playbook-flows'

const { values } = parseArgs({ options: { flows: { type: 'string', default: '../shared/data/xsoar-playbook-flows.jsonl' }, seeds: { type: 'string', default: '5' } } })
const flows = readFlowsFile(readFileSync(values.flows, 'utf8')).flows.map((p) => p.flow)
const seeds = Number(values.seeds)

const grid: { skip: number; family: number }[] = []
for (const skip of [0, 0.25, 0.5, 1]) for (const family of [0, 0.15, 0.3, 0.6]) grid.push({ skip, family })

function folds(train: readonly EvalFlow[], byGroup: boolean, seed: number, k = 4): EvalFlow[][] {
  const random = seededRandom(seed + 1000)
  const keys = [...new Set(train.map((f) => (byGroup ? f.group : f.id)))].sort()
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const a = keys[i] as string
    keys[i] = keys[j] as string
    keys[j] = a
  }
  const foldOf = new Map(keys.map((key, i) => [key, i % k]))
  return Array.from({ length: k }, (_, i) => train.filter((f) => foldOf.get(byGroup ? f.group : f.id) === i))
}

function cvMrr(train: readonly EvalFlow[], byGroup: boolean, seed: number, tuning: { skip: number; family: number }): number {
  const fs = folds(train, byGroup, seed)
  let sum = 0
  for (let i = 0; i < fs.length; i++) sum += evaluate(engineTrainer(tuning)(fs.filter((_, j) => j !== i).flat()), fs[i] as EvalFlow[]).mrr
  return sum / fs.length
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)
const sd = (xs: readonly number[]): number => Math.sqrt(xs.reduce((s, x) => s + (x - mean(xs)) ** 2, 0) / Math.max(1, xs.length - 1))

for (const split of ['pack', 'random'] as const) {
  const gains: number[] = []
  const top3: number[] = []
  for (let seed = 0; seed < seeds; seed++) {
    const { train, test } = splitFlows(flows, split, seed)
    let best = grid[0] as { skip: number; family: number }
    let bestMrr = -1
    for (const g of grid) {
      const m = cvMrr(train, split === 'pack', seed, g)
      if (m > bestMrr) [best, bestMrr] = [g, m]
    }
    const without = evaluate(engineTrainer({ skip: 0, family: 0 })(train), test)
    const chosen = evaluate(engineTrainer(best)(train), test)
    gains.push(chosen.mrr - without.mrr)
    top3.push(chosen.top3 - without.top3)
    console.log(`${split} seed ${seed}: chose skip ${best.skip}, family ${best.family}; test MRR ${without.mrr.toFixed(4)} → ${chosen.mrr.toFixed(4)}, top-3 ${without.top3.toFixed(4)} → ${chosen.top3.toFixed(4)}`)
  }
  console.log(`${split}: nested-CV gain MRR ${mean(gains).toFixed(4)} ± ${sd(gains).toFixed(4)}, top-3 ${mean(top3).toFixed(4)} ± ${sd(top3).toFixed(4)}`)
}

const whole = grid.map((g) => ({ g, pack: cvMrr(flows, true, 0, g), flow: cvMrr(flows, false, 0, g) })).sort((a, b) => b.pack + b.flow - (a.pack + a.flow))
for (const { g, pack, flow } of whole) console.log(`whole corpus, skip ${g.skip} family ${g.family}: MRR ${pack.toFixed(4)} (folds by pack), ${flow.toFixed(4)} (folds by flow)`)
