/**
 * Suggestion engine cost on 10,000 synthetic cases, each figure next to the bigram + kNN
 * baseline measured in the same run: build, next-command latency (wall and CPU time: the
 * machine is shared, and CPU time is what the engine itself spends), retained heap, and the
 * incremental update per command. Prints `name: value unit` lines; never fails on time.
 *   node --import tsx bench/suggest.ts
 */
import { availableParallelism, loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { bigramKnnBaseline } from '../src/main/core/suggest/baselines'
import { seededRandom, type EvalFlow } from '../src/main/core/suggest/evaluate'
import { createSuggester } from '../src/main/core/suggest/suggester'

const CASES = 10_000
const QUERIES = 500
const APPENDS = 20_000

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

interface Cost {
  wallMs: number
  cpuMs: number
}

function measure(run: () => void): Cost {
  const cpu = process.cpuUsage()
  const start = performance.now()
  run()
  const wallMs = performance.now() - start
  const used = process.cpuUsage(cpu)
  return { wallMs, cpuMs: (used.user + used.system) / 1000 }
}

/**
 * Per-call wall and CPU milliseconds, each sorted. A pass over other queries first warms the
 * JIT up (a running app has answered many before); they differ from the timed ones, so the
 * baseline's neighbour cache (keyed by text) gains nothing from it.
 */
function timeEach<Q>(warmup: readonly Q[], queries: readonly Q[], run: (q: Q) => void): { wall: number[]; cpu: number[] } {
  for (const q of warmup) run(q)
  const wall: number[] = []
  const cpu: number[] = []
  for (const q of queries) {
    const c = measure(() => run(q))
    wall.push(c.wallMs)
    cpu.push(c.cpuMs)
  }
  return { wall: wall.sort((a, b) => a - b), cpu: cpu.sort((a, b) => a - b) }
}

/** The cheapest incremental update a bigram model can have: one count in a nested map. */
function bigramCounts(): (prev: string, next: string) => void {
  const table = new Map<string, Map<string, number>>()
  return (prev, next) => {
    let row = table.get(prev)
    if (!row) table.set(prev, (row = new Map()))
    row.set(next, (row.get(next) ?? 0) + 1)
  }
}

const ms = (x: number): string => `${x.toFixed(3)} ms`
const ratio = (a: number, b: number): string => `×${(a / Math.max(1e-9, b)).toFixed(3)}`

export function benchSuggest(): string[] {
  const lines: string[] = [`suggest.load_average: ${loadavg().map((x) => x.toFixed(2)).join(' ')} (1, 5, 15 min) on ${availableParallelism()} cores`]
  const flows = syntheticFlows(CASES, 1)
  const asQuery = (f: EvalFlow): { text: string; history: string[] } => ({ text: f.text, history: f.commands.slice(0, 1 + (f.commands.length >> 1)) })
  const queries = syntheticFlows(QUERIES, 2).map(asQuery)
  const warmup = syntheticFlows(QUERIES, 3).map(asQuery)

  let heapMark = heapMiB()
  const engine = createSuggester()
  const build = measure(() => {
    for (const f of flows) engine.addCase({ id: f.id, text: f.text, commands: f.commands })
  })
  const engineHeap = heapMiB() - heapMark
  heapMark = heapMiB()
  let baseline = bigramKnnBaseline()([])
  const baselineBuild = measure(() => {
    baseline = bigramKnnBaseline()(flows)
  })
  const baselineHeap = heapMiB() - heapMark

  const engineTimes = timeEach(warmup, queries, (q) => engine.next({ ...q, k: 5 }))
  const baselineTimes = timeEach(warmup, queries, (q) => baseline.predict(q.text, q.history, 5))
  const flowTimes = timeEach(warmup, queries, (q) => engine.flow(q))

  const append = measure(() => {
    for (let i = 0; i < APPENDS; i++) engine.appendCommand(`case-${i % CASES}`, `cmd-${i % 400}`)
  })
  const bump = bigramCounts()
  const baselineAppend = measure(() => {
    for (let i = 0; i < APPENDS; i++) bump(`cmd-${(i * 7) % 400}`, `cmd-${i % 400}`)
  })
  const us = (c: Cost, key: keyof Cost): number => (c[key] * 1000) / APPENDS

  lines.push(`suggest.build_10k_cases: ${build.wallMs.toFixed(1)} ms wall, ${build.cpuMs.toFixed(1)} ms CPU (target <= 500); baseline ${baselineBuild.wallMs.toFixed(1)} ms wall, ${baselineBuild.cpuMs.toFixed(1)} ms CPU; CPU ${ratio(build.cpuMs, baselineBuild.cpuMs)}`)
  for (const [name, p] of [['p50', 0.5], ['p99', 0.99]] as const) {
    const e = { wall: percentile(engineTimes.wall, p), cpu: percentile(engineTimes.cpu, p) }
    const b = { wall: percentile(baselineTimes.wall, p), cpu: percentile(baselineTimes.cpu, p) }
    lines.push(`suggest.next_${name}: ${ms(e.wall)} wall, ${ms(e.cpu)} CPU${name === 'p99' ? ' (target <= 2)' : ''}; baseline ${ms(b.wall)} wall, ${ms(b.cpu)} CPU; wall ${ratio(e.wall, b.wall)}, CPU ${ratio(e.cpu, b.cpu)}`)
  }
  lines.push(`suggest.flow_p99: ${ms(percentile(flowTimes.wall, 0.99))} wall, ${ms(percentile(flowTimes.cpu, 0.99))} CPU`)
  lines.push(`suggest.engine_heap_10k_cases: ${engineHeap.toFixed(1)} MiB retained (target <= 100); baseline ${baselineHeap.toFixed(1)} MiB; ${ratio(engineHeap, Math.max(0.1, baselineHeap))}`)
  lines.push(
    `suggest.append_command: ${us(append, 'wallMs').toFixed(2)} us wall, ${us(append, 'cpuMs').toFixed(2)} us CPU per command (target <= 10); baseline bigram count ${us(baselineAppend, 'wallMs').toFixed(2)} us wall; ${ratio(append.wallMs, baselineAppend.wallMs)}`
  )
  lines.push(`suggest.process_heap_used: ${heapMiB().toFixed(1)} MiB (engine, baseline, 10k flows and queries together)`)
  return lines
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of benchSuggest()) console.log(line)
}
