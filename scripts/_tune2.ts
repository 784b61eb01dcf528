import { readFileSync } from 'node:fs'
import { engineTrainer } from '../src/main/core/suggest/engine-trainer'
import { evaluate, meanMetrics, splitFlows } from '../src/main/core/suggest/evaluate'
import { readPlaybookFlows } from '../src/main/core/suggest/playbook-flows'
const flows = readPlaybookFlows(readFileSync('/work/shared/data/xsoar-playbook-flows.jsonl','utf8')).map(p=>p.flow)
const seeds=[100,101,102,103,104]
const combos = JSON.parse(process.argv[2] ?? '[]')
for (const t of combos) {
  const out: string[]=[]
  for (const split of ['pack','random'] as const) {
    const m = meanMetrics(seeds.map(s=>{const {train,test}=splitFlows(flows,split,s); return evaluate(engineTrainer(t)(train),test)}))
    out.push(`${split} t1 ${m.top1.toFixed(3)} t3 ${m.top3.toFixed(3)} mrr ${m.mrr.toFixed(3)}`)
  }
  console.log(JSON.stringify(t), out.join(' | '))
}
