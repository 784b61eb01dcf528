import { readFileSync } from 'node:fs'
import { engineTrainer } from '../src/main/core/suggest/engine-trainer'
import { evaluate, meanMetrics, splitFlows } from '../src/main/core/suggest/evaluate'
import { readPlaybookFlows } from '../src/main/core/suggest/playbook-flows'
import { DEFAULT_TUNING, type SuggestTuning } from '../src/main/core/suggest/tuning'
const flows = readPlaybookFlows(readFileSync('/work/shared/data/xsoar-playbook-flows.jsonl','utf8')).map(p=>p.flow)
const seeds=[100,101,102,103,104]
function score(t: Partial<SuggestTuning>): string {
  const out: string[]=[]
  for (const split of ['pack','random'] as const) {
    const m = meanMetrics(seeds.map(s=>{const {train,test}=splitFlows(flows,split,s); return evaluate(engineTrainer(t)(train),test)}))
    out.push(`${split} t1 ${m.top1.toFixed(3)} t3 ${m.top3.toFixed(3)} mrr ${m.mrr.toFixed(3)}`)
  }
  return out.join(' | ')
}
const grid: Record<string, number[]> = JSON.parse(process.argv[2] ?? '{}')
console.log('default', score({}))
for (const [k, vals] of Object.entries(grid)) for (const v of vals) console.log(k, v, score({ [k]: v }))
