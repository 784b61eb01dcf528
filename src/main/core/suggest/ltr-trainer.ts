/**
 * The learning-to-rank experiment as an evaluation model (eval only): candidates from every
 * source, ranked by boosted trees fitted on inner folds of the training flows (whole groups per
 * fold), so the flows it is judged on are never seen before they are predicted.
 */
import { CaseStore } from './case-store'
import { seededRandom, type EvalFlow, type Trainer } from './evaluate'
import { NEUTRAL_WEIGHTS, weightVector } from './blend'
import { BLEND_TUNING, FEATURE_COUNT } from './features'
import { FlowStats } from './flow-stats'
import { fitRanker, scoreRows, type RankerOptions, type RankGroup, type Tree } from './gbdt'
import { ALL_SOURCES, LTR_COUNT, LTR_FEATURES, ltrRows, type LtrFeature, type LtrSources } from './ltr-features'

export interface LtrOptions {
  ranker?: Partial<RankerOptions>
  sources?: Partial<LtrSources>
  /** Features held at 0 everywhere (ablations). */
  disabled?: readonly LtrFeature[]
  folds?: number
  /** Inner folds keep whole groups together (as the pack split does) or cut flow by flow. */
  foldBy?: 'group' | 'flow'
  maxExamples?: number
  /** Training keeps the right answer and this many of the likeliest others (by neutral blend weights). */
  negatives?: number
}

interface Model {
  store: CaseStore
  stats: FlowStats
}

function modelOf(flows: readonly EvalFlow[]): Model {
  const store = new CaseStore({ sequenceIndexes: true })
  for (const f of flows) store.upsert({ id: f.id, text: f.text, commands: [...f.commands], ...(f.tags ? { tags: f.tags } : {}) })
  return { store, stats: new FlowStats(flows) }
}

function blank(rows: Float64Array, n: number, disabled: readonly number[]): Float64Array {
  for (const f of disabled) for (let i = 0; i < n; i++) rows[i * LTR_COUNT + f] = 0
  return rows
}

const NEUTRAL = weightVector(NEUTRAL_WEIGHTS)

/** The right candidate first, then the `negatives` others a neutral blend likes best. */
function pruned(rows: Float64Array, n: number, target: number, negatives: number): RankGroup {
  if (n <= negatives + 1) return { rows, n, target }
  const score = (i: number): number => {
    let s = 0
    for (let f = 0; f < FEATURE_COUNT; f++) s += (NEUTRAL[f] as number) * (rows[i * LTR_COUNT + f] as number)
    return s
  }
  const others = Array.from({ length: n }, (_, i) => i)
    .filter((i) => i !== target)
    .map((i) => ({ i, s: score(i) }))
    .sort((a, b) => b.s - a.s)
    .slice(0, negatives)
  const keep = [target, ...others.map((o) => o.i)]
  const out = new Float64Array(keep.length * LTR_COUNT)
  keep.forEach((i, k) => out.set(rows.subarray(i * LTR_COUNT, (i + 1) * LTR_COUNT), k * LTR_COUNT))
  return { rows: out, n: keep.length, target: 0 }
}

/** Held-out ranking groups: each fold's flows predicted by a model of the other folds. */
export function ltrExamples(flows: readonly EvalFlow[], opts: LtrOptions, seed = 0): { groups: RankGroup[]; uncovered: number } {
  const folds = opts.folds ?? 4
  const sources = { ...ALL_SOURCES, ...opts.sources }
  const disabled = (opts.disabled ?? []).map((f) => LTR_FEATURES.indexOf(f))
  const random = seededRandom(seed + 7919)
  const groupOf = (f: EvalFlow): string => (opts.foldBy === 'flow' ? f.id : f.group)
  const groupNames = [...new Set(flows.map(groupOf))].sort()
  for (let i = groupNames.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[groupNames[i], groupNames[j]] = [groupNames[j] as string, groupNames[i] as string]
  }
  const foldOf = new Map(groupNames.map((g, i) => [g, i % folds]))
  const positions = flows.reduce((s, f) => s + Math.max(0, f.commands.length - 1), 0)
  const keep = Math.min(1, (opts.maxExamples ?? 6000) / Math.max(1, positions))
  const groups: RankGroup[] = []
  let uncovered = 0
  for (let fold = 0; fold < folds; fold++) {
    const { store, stats } = modelOf(flows.filter((f) => foldOf.get(groupOf(f)) !== fold))
    if (store.size === 0) continue
    for (const f of flows) {
      if (foldOf.get(groupOf(f)) !== fold) continue
      for (let i = 1; i < f.commands.length; i++) {
        if (keep < 1 && random() > keep) continue
        const { commands, rows } = ltrRows(store, stats, { text: caseTextOf(f), history: f.commands.slice(0, i) }, BLEND_TUNING, sources)
        const target = commands.indexOf(f.commands[i] as string)
        if (target < 0) {
          uncovered++
          continue
        }
        groups.push(pruned(blank(rows, commands.length, disabled), commands.length, target, opts.negatives ?? 40))
      }
    }
  }
  return { groups, uncovered }
}

/** The text a test query carries: name and description (tags are read through the store's cases). */
function caseTextOf(f: EvalFlow): string {
  return f.text
}

export function ltrTrainer(opts: LtrOptions = {}, onFit?: (trees: Tree[]) => void): Trainer {
  return (train) => {
    const { groups } = ltrExamples(train, opts)
    const trees = fitRanker(groups, LTR_COUNT, opts.ranker)
    onFit?.(trees)
    const { store, stats } = modelOf(train)
    const sources = { ...ALL_SOURCES, ...opts.sources }
    const disabled = (opts.disabled ?? []).map((f) => LTR_FEATURES.indexOf(f))
    return {
      predict(text, history, k) {
        const { commands, rows } = ltrRows(store, stats, { text, history }, BLEND_TUNING, sources)
        const scores = scoreRows(trees, blank(rows, commands.length, disabled), commands.length, LTR_COUNT)
        return commands
          .map((c, i) => ({ c, s: scores[i] as number }))
          .sort((a, b) => b.s - a.s || (a.c < b.c ? -1 : 1))
          .slice(0, k)
          .map((x) => x.c)
      }
    }
  }
}
