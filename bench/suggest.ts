/**
 * Suggestion engine latency on 10,000 synthetic cases, against the bigram + kNN
 * baseline measured in the same run. Prints `name: value unit` lines; never fails on time.
 *   node --import tsx bench/suggest.ts
 */
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { bigramKnnBaseline } from '../src/main/core/suggest/baselines'
import { seededRandom, type EvalFlow } from '../src/main/core/suggest/evaluate'
import { createSuggester } from '../src/main/core/suggest/suggester'

const CASES = 10_000
const QUERIES = 500

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0
}

function syntheticFlows(count: number, seed: number): EvalFlow[] {
  const random = seededRandom(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T
  const words = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}x`)
  const commands = Array.from({ length: 400 }, (_, i) => `cmd-${i}`)
  // A few "kinds" of incident, each with its own words and a favoured set of commands.
  const kinds = Array.from({ length: 40 }, () => ({ words: Array.from({ length: 30 }, () => pick(words)), commands: Array.from({ length: 12 }, () => pick(commands)) }))
  return Array.from({ length: count }, (_, i) => {
    const kind = pick(kinds)
    const text = Array.from({ length: 12 + Math.floor(random() * 20) }, () => (random() < 0.7 ? pick(kind.words) : pick(words))).join(' ')
    const flow = Array.from({ length: 3 + Math.floor(random() * 12) }, () => (random() < 0.8 ? pick(kind.commands) : pick(commands)))
    return { id: `case-${i}`, group: 'synthetic', text, commands: flow }
  })
}

/** A full collection, so heap figures are what is retained, not garbage waiting. */
function collect(): void {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  gc()
  gc()
}

function heapMiB(): number {
  collect()
  return process.memoryUsage().heapUsed / 1024 / 1024
}

export function benchSuggest(): string[] {
  const lines: string[] = []
  const flows = syntheticFlows(CASES, 1)
  const queries = syntheticFlows(QUERIES, 2).map((f) => ({ text: f.text, history: f.commands.slice(0, 1 + (f.commands.length >> 1)) }))

  const heapBefore = heapMiB()
  const engine = createSuggester()
  let t = performance.now()
  for (const f of flows) engine.addCase({ id: f.id, text: f.text, commands: f.commands })
  const build = performance.now() - t
  lines.push(`suggest.build_10k_cases: ${build.toFixed(1)} ms (target <= 500)`)
  const engineHeap = heapMiB() - heapBefore

  const APPENDS = 20_000
  t = performance.now()
  for (let i = 0; i < APPENDS; i++) engine.appendCommand(`case-${i % CASES}`, `cmd-${i % 400}`)
  lines.push(`suggest.append_command: ${(((performance.now() - t) * 1000) / APPENDS).toFixed(2)} us per command (target <= 10)`)

  /** Per-query milliseconds, sorted; with `repeats` > 1 each query keeps its best time. */
  const timeEach = (run: (q: (typeof queries)[number]) => void, repeats = 1): number[] => {
    for (const q of queries.slice(0, 50)) run(q)
    const best = queries.map(() => Infinity)
    for (let r = 0; r < repeats; r++) {
      queries.forEach((q, i) => {
        const start = performance.now()
        run(q)
        best[i] = Math.min(best[i] ?? Infinity, performance.now() - start)
      })
    }
    return best.sort((a, b) => a - b)
  }
  const engineTimes = timeEach((q) => engine.next({ ...q, k: 5 }))
  const heapMark = heapMiB()
  t = performance.now()
  const baseline = bigramKnnBaseline()(flows)
  const baselineBuild = performance.now() - t
  const baselineHeap = heapMiB() - heapMark
  const baselineTimes = timeEach((q) => baseline.predict(q.text, q.history, 5))
  const flowTimes = timeEach((q) => engine.flow(q))

  lines.push(`suggest.next_p50: ${percentile(engineTimes, 0.5).toFixed(3)} ms`)
  lines.push(`suggest.next_p99: ${percentile(engineTimes, 0.99).toFixed(3)} ms (target <= 2)`)
  // Best of three per query filters out time the process spent descheduled on a busy machine.
  const bestOf3 = timeEach((q) => engine.next({ ...q, k: 5 }), 3)
  lines.push(`suggest.next_p99_best_of_3: ${percentile(bestOf3, 0.99).toFixed(3)} ms`)
  lines.push(`suggest.flow_p99: ${percentile(flowTimes, 0.99).toFixed(3)} ms`)
  lines.push(`suggest.baseline_bigram_knn_p50: ${percentile(baselineTimes, 0.5).toFixed(3)} ms`)
  lines.push(`suggest.baseline_bigram_knn_p99: ${percentile(baselineTimes, 0.99).toFixed(3)} ms`)
  lines.push(`suggest.next_p99_vs_baseline: ${(percentile(engineTimes, 0.99) / percentile(baselineTimes, 0.99)).toFixed(3)} ratio`)
  lines.push(`suggest.baseline_bigram_knn_build: ${baselineBuild.toFixed(1)} ms`)
  lines.push(`suggest.build_vs_baseline: ${(build / baselineBuild).toFixed(3)} ratio`)
  lines.push(`suggest.engine_heap_10k_cases: ${engineHeap.toFixed(1)} MiB retained (target <= 100)`)
  lines.push(`suggest.baseline_bigram_knn_heap: ${baselineHeap.toFixed(1)} MiB retained`)
  lines.push(`suggest.heap_vs_baseline: ${(engineHeap / Math.max(0.1, baselineHeap)).toFixed(3)} ratio`)
  lines.push(`suggest.process_heap_used: ${heapMiB().toFixed(1)} MiB (engine, baseline, 10k flows and queries together)`)
  return lines
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of benchSuggest()) console.log(line)
}
