/**
 * Offline evaluation of the suggestion engine against the README baselines, in the same run.
 *   npm run eval:suggest -- --flows ../shared/data/xsoar-playbook-flows.jsonl --split pack --seeds 5
 * Any JSON-lines file whose rows have id, name and commands works (description, tags, pack and
 * category are used when present; rows without pack are their own group). Broken lines are
 * named and skipped. Options: --split pack|random|both, --seeds N, --dedup (drop exact sequence
 * copies), --drop-deprecated, --no-ablations, --no-ranker (skips the slow ranking experiment), --ranker-ablations (slow: each refits the ranker). The experimental blend is fitted on each training
 * set only (inner folds, fit-blend.ts); the test flows are never seen before they are predicted.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { bigramBaseline, bigramKnnBaseline, mostFrequentBaseline } from '../src/main/core/suggest/baselines'
import { blendTrainer } from '../src/main/core/suggest/blend-trainer'
import { engineTrainer } from '../src/main/core/suggest/engine-trainer'
import { evaluate, meanMetrics, splitFlows, stdMetrics, unseenShare, type EvalFlow, type Metrics, type Trainer } from '../src/main/core/suggest/evaluate'
import type { BlendWeights } from '../src/main/core/suggest/blend'
import { ltrTrainer } from '../src/main/core/suggest/ltr-trainer'
import { readFlowsFile } from '../src/main/core/suggest/playbook-flows'

const { values } = parseArgs({
  options: {
    flows: { type: 'string', default: '../shared/data/xsoar-playbook-flows.jsonl' },
    split: { type: 'string', default: 'both' },
    seeds: { type: 'string', default: '5' },
    dedup: { type: 'boolean', default: false },
    'drop-deprecated': { type: 'boolean', default: false },
    'no-ablations': { type: 'boolean', default: false },
    'ranker-ablations': { type: 'boolean', default: false },
    'no-ranker': { type: 'boolean', default: false }
  }
})

const seeds = Number(values.seeds)
if (!['pack', 'random', 'both'].includes(values.split) || !Number.isInteger(seeds) || seeds < 1) {
  console.error('usage: eval-suggest --flows FILE.jsonl --split pack|random|both --seeds N [--dedup] [--drop-deprecated] [--no-ablations] [--no-ranker] [--ranker-ablations]')
  process.exit(2)
}
let source: string
try {
  source = readFileSync(values.flows, 'utf8')
} catch (e) {
  console.error(`cannot read ${values.flows}: ${(e as Error).message}`)
  process.exit(2)
}
const file = readFlowsFile(source)
for (const s of file.skipped.slice(0, 20)) console.error(`${values.flows}:${s.line}: skipped (${s.problem})`)
if (file.skipped.length > 20) console.error(`… and ${file.skipped.length - 20} more`)

let flows: EvalFlow[] = file.flows.filter((p) => !(values['drop-deprecated'] && p.deprecated)).map((p) => p.flow)
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
if (flows.length < 5) {
  console.error(`only ${flows.length} usable flows in ${values.flows}: need at least 5 to split`)
  process.exit(1)
}
const splits = values.split === 'both' ? (['pack', 'random'] as const) : ([values.split as 'pack' | 'random'] as const)

const fitted: BlendWeights[] = []
/** The ranking experiment's settings (measured on seeds 0-1, docs/bench.md). */
const RANKER = { foldBy: 'flow', ranker: { rounds: 100, minHessian: 5, lambda: 5 } } as const
const models: [string, Trainer][] = [
  ['most frequent', mostFrequentBaseline],
  ['bigram', bigramBaseline],
  ['bigram + kNN (same run baseline)', bigramKnnBaseline()],
  ['Virgil (shipped mixture)', engineTrainer()],
  ['experimental blend, fitted on training folds', blendTrainer({ onFit: (w) => fitted.push(w) })]
]
// The ranker refits boosted trees on inner folds for every seed: most of a 5-seed run's time.
if (!values['no-ranker']) models.push(['experimental ranker (boosted trees, folds)', ltrTrainer(RANKER)])
if (!values['no-ablations']) {
  models.push(
    ['  Virgil, ablation: no history cache', engineTrainer({ cache: 0 })],
    ['  Virgil, ablation: no similar-case votes', engineTrainer({ next: 0, bag: 0 })],
    ['  blend, ablation: neutral weights (unfitted)', blendTrainer({ fit: false })],
    ['  blend, ablation: no prefix-state kNN', blendTrainer({ tuning: { disabled: ['prefix', 'prefixLength', 'prefixDeep'] } })],
    ['  blend, ablation: no copy features', blendTrainer({ tuning: { disabled: ['inHistory', 'recency', 'isLast', 'selfFollow', 'historyCount', 'repeatRate'] } })],
    ['  blend, ablation: no command association', blendTrainer({ tuning: { disabled: ['assoc'] } })],
    ['  blend, ablation: no text-similar votes', blendTrainer({ tuning: { disabled: ['next', 'bag'] } })],
    ['  blend, ablation: no n-gram', blendTrainer({ tuning: { disabled: ['ngram', 'unigram'] } })],
    ['  blend, ablation: no command-name words', blendTrainer({ tuning: { disabled: ['nameText', 'nameHistory'] } })]
  )
}

if (values['ranker-ablations']) {
  models.push(
    ['  ranker, ablation: folds by group, not flow', ltrTrainer({ ...RANKER, foldBy: 'group' })],
    ['  ranker, ablation: no extra candidate sources', ltrTrainer({ ...RANKER, sources: { assocAny: false, family: false, words: false, exact: false } })],
    ['  ranker, ablation: no shipped-mixture score', ltrTrainer({ ...RANKER, disabled: ['mixture', 'mixtureRank'] })],
    ['  ranker, ablation: no family features', ltrTrainer({ ...RANKER, disabled: ['sameFamilyLast', 'familyInHistory', 'familyStay', 'familySize', 'familyShare'] })],
    ['  ranker, ablation: no position features', ltrTrainer({ ...RANKER, disabled: ['relPos', 'absGap', 'lastRate', 'firstRate', 'step', 'stepsAgo'] })],
    ['  ranker, ablation: no word/name features', ltrTrainer({ ...RANKER, disabled: ['nameMatch', 'wordMax', 'wordSum', 'nameText', 'nameHistory'] })],
    ['  ranker, ablation: no exact-start features', ltrTrainer({ ...RANKER, disabled: ['exactShare', 'exactContext'] })],
    ['  ranker, ablation: no aligned-neighbour votes', ltrTrainer({ ...RANKER, disabled: ['alignNext', 'alignNextMax'] })]
  )
}

const pad = (s: string, n: number): string => s.padEnd(n)
const pm = (mean: number, sd: number): string => `${mean.toFixed(3)} ± ${sd.toFixed(3)}`
const meanSd = (xs: readonly number[]): [number, number] => {
  const m = xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)
  return [m, Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / Math.max(1, xs.length - 1))]
}
const packs = file.withPack
console.log(
  `flows: ${file.flows.length} read (${file.skipped.length} broken lines skipped, ${packs} with a pack), ${before} after deprecated filter (${values['drop-deprecated'] ? 'on' : 'off'}), ${flows.length} after dedup (${values.dedup ? 'on' : 'off'}); seeds 0..${seeds - 1}`
)
for (const split of splits) {
  if (split === 'pack' && packs === 0) console.log('\nnote: no row has a pack, so "grouped by pack" groups each flow alone (the same as random).')
  const results = new Map<string, Metrics[]>(models.map(([name]) => [name, []]))
  const ceiling: number[] = []
  for (let seed = 0; seed < seeds; seed++) {
    const { train, test } = splitFlows(flows, split, seed)
    ceiling.push(unseenShare(train, test))
    for (const [name, trainer] of models) results.get(name)?.push(evaluate(trainer(train), test))
  }
  const base = results.get('bigram + kNN (same run baseline)') ?? []
  const [unseen, unseenSd] = meanSd(ceiling)
  console.log(`\nsplit: ${split === 'pack' ? 'grouped by pack' : 'random by playbook'} (mean ± sd over ${seeds} seeds; ${pm(unseen, unseenSd)} of targets never seen in training, so no model can exceed top-k ${(1 - unseen).toFixed(3)})`)
  console.log(`| ${pad('model', 46)} | top-1         | top-3         | top-5         | MRR           | MRR ÷ baseline | predictions |`)
  console.log(`|${'-'.repeat(48)}|---------------|---------------|---------------|---------------|----------------|-------------|`)
  for (const [name, runs] of results) {
    const m = meanMetrics(runs)
    const s = stdMetrics(runs)
    const [ratio, ratioSd] = meanSd(runs.map((r, i) => r.mrr / Math.max(1e-9, base[i]?.mrr ?? 1)))
    console.log(`| ${pad(name, 46)} | ${pm(m.top1, s.top1)} | ${pm(m.top3, s.top3)} | ${pm(m.top5, s.top5)} | ${pm(m.mrr, s.mrr)} | ${`×${ratio.toFixed(3)} ± ${ratioSd.toFixed(2)}`.padEnd(14)} | ${m.n.toFixed(0).padStart(11)} |`)
  }
  const last = fitted.slice(-seeds)
  if (last.length > 0) {
    const names = Object.keys(last[0] as BlendWeights) as (keyof BlendWeights)[]
    console.log(`fitted weights (mean over seeds): ${names.map((f) => `${f} ${(last.reduce((s, w) => s + w[f], 0) / last.length).toFixed(2)}`).join(', ')}`)
  }
  fitted.length = 0
}
