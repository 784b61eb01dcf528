/**
 * Offline evaluation of the suggestion engine against the README baselines.
 *   npm run eval:suggest -- --flows ../shared/data/xsoar-playbook-flows.jsonl --split pack --seeds 5
 * Options: --split pack|random|both, --seeds N, --dedup (drop exact sequence copies),
 * --drop-deprecated. Filters, when asked for, apply to every model alike.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { bigramBaseline, bigramKnnBaseline, mostFrequentBaseline } from '../src/main/core/suggest/baselines'
import { engineTrainer } from '../src/main/core/suggest/engine-trainer'
import { evaluate, meanMetrics, splitFlows, type EvalFlow, type Metrics, type Trainer } from '../src/main/core/suggest/evaluate'
import { readPlaybookFlows } from '../src/main/core/suggest/playbook-flows'

const { values } = parseArgs({
  options: {
    flows: { type: 'string', default: '../shared/data/xsoar-playbook-flows.jsonl' },
    split: { type: 'string', default: 'both' },
    seeds: { type: 'string', default: '5' },
    dedup: { type: 'boolean', default: false },
    'drop-deprecated': { type: 'boolean', default: false }
  }
})

const all = readPlaybookFlows(readFileSync(values.flows, 'utf8'))
let flows: EvalFlow[] = all.filter((p) => !(values['drop-deprecated'] && p.deprecated)).map((p) => p.flow)
const before = flows.length
if (values.dedup) {
  const seen = new Set<string>()
  flows = flows.filter((f) => {
    const key = f.commands.join('\u0001')
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
const seeds = Number(values.seeds)
if (!['pack', 'random', 'both'].includes(values.split) || !Number.isInteger(seeds) || seeds < 1) {
  console.error('usage: eval-suggest --flows FILE.jsonl --split pack|random|both --seeds N [--dedup] [--drop-deprecated]')
  process.exit(2)
}
const splits = values.split === 'both' ? (['pack', 'random'] as const) : ([values.split as 'pack' | 'random'] as const)

const models: [string, Trainer][] = [
  ['most frequent', mostFrequentBaseline],
  ['bigram', bigramBaseline],
  ['bigram + kNN (TF-IDF name+description)', bigramKnnBaseline()],
  ['virgil engine', engineTrainer()],
  ['  ablation: no history cache', engineTrainer({ cache: 0 })],
  ['  ablation: never re-suggest a run command', engineTrainer({ repeatFactor: 0 })],
  ['  ablation: no similar-case votes', engineTrainer({ next: 0, bag: 0 })]
]

const pad = (s: string, n: number): string => s.padEnd(n)
const fmt = (x: number): string => x.toFixed(3)
console.log(`flows: ${all.length} read, ${before} after deprecated filter (${values['drop-deprecated'] ? 'on' : 'off'}), ${flows.length} after dedup (${values.dedup ? 'on' : 'off'}); seeds 0..${seeds - 1}`)
for (const split of splits) {
  const results = new Map<string, Metrics[]>(models.map(([name]) => [name, []]))
  for (let seed = 0; seed < seeds; seed++) {
    const { train, test } = splitFlows(flows, split, seed)
    for (const [name, trainer] of models) results.get(name)?.push(evaluate(trainer(train), test))
  }
  console.log(`\nsplit: ${split === 'pack' ? 'grouped by pack' : 'random by playbook'} (mean of ${seeds} seeds)`)
  console.log(`| ${pad('model', 44)} | top-1 | top-3 | top-5 |  MRR  | predictions |`)
  console.log(`|${'-'.repeat(46)}|-------|-------|-------|-------|-------------|`)
  for (const [name, runs] of results) {
    const m = meanMetrics(runs)
    console.log(`| ${pad(name, 44)} | ${fmt(m.top1)} | ${fmt(m.top3)} | ${fmt(m.top5)} | ${fmt(m.mrr)} | ${m.n.toFixed(0).padStart(11)} |`)
  }
}
