/**
 * A small learned blend: candidate score = weights · features, softmax over the candidates.
 * Weights are fitted by maximum likelihood (L2-regularised, full-batch Adam) on examples built
 * from held-out flows only; see fit-blend.ts for how those examples are made.
 */
import { FEATURE_COUNT, FEATURES, type Feature } from './features'

export type BlendWeights = Record<Feature, number>

/**
 * Used when no fitted weights are given: plain "evidence adds up" weights, not tuned on any
 * corpus (every log-probability source counts once, copy features a little).
 */
export const NEUTRAL_WEIGHTS: BlendWeights = {
  ngram: 1,
  prefix: 1,
  prefixLength: 0,
  prefixDeep: 0.5,
  nameText: 0,
  nameHistory: 0,
  next: 0.5,
  bag: 0.2,
  assoc: 0.2,
  unigram: 0,
  inHistory: 1,
  recency: 0,
  isLast: 0,
  selfFollow: 0.5,
  historyCount: 0,
  repeatRate: 1,
  // A command no case ran has no n-gram evidence either way: undo the floor's penalty.
  unseen: 2
}

export function weightVector(w: Partial<BlendWeights>): Float64Array {
  return Float64Array.from(FEATURES.map((f) => w[f] ?? 0))
}

export function weightRecord(v: Float64Array): BlendWeights {
  return Object.fromEntries(FEATURES.map((f, i) => [f, Math.round((v[i] ?? 0) * 1e4) / 1e4])) as BlendWeights
}

/** Softmax probabilities of the candidates in `rows` under weights `w`. */
export function softmax(rows: Float64Array, n: number, w: Float64Array): Float64Array {
  const p = new Float64Array(n)
  let max = -Infinity
  for (let i = 0; i < n; i++) {
    let s = 0
    for (let f = 0; f < FEATURE_COUNT; f++) s += (w[f] as number) * (rows[i * FEATURE_COUNT + f] as number)
    p[i] = s
    if (s > max) max = s
  }
  let z = 0
  for (let i = 0; i < n; i++) z += p[i] = Math.exp((p[i] as number) - max)
  for (let i = 0; i < n; i++) p[i] = (p[i] as number) / z
  return p
}

export interface BlendExample {
  rows: Float64Array
  n: number
  /** Index of the command that really came next. */
  target: number
}

export interface FitOptions {
  start?: Float64Array
  /** Features held at weight 0 (ablations). */
  disabled?: readonly Feature[]
  iterations?: number
  l2?: number
}

/** Fits weights maximising the mean log-likelihood of the targets (disabled features stay at 0). */
export function fitWeights(examples: readonly BlendExample[], opts: FitOptions = {}): Float64Array {
  const { iterations = 120, l2 = 1e-3 } = opts
  const w = Float64Array.from(opts.start ?? weightVector(NEUTRAL_WEIGHTS))
  const frozen = new Set((opts.disabled ?? []).map((f) => FEATURES.indexOf(f)))
  for (const f of frozen) w[f] = 0
  if (examples.length === 0) return w
  const m = new Float64Array(FEATURE_COUNT)
  const v = new Float64Array(FEATURE_COUNT)
  const rate = 0.05
  for (let t = 1; t <= iterations; t++) {
    const g = new Float64Array(FEATURE_COUNT)
    for (const ex of examples) {
      const p = softmax(ex.rows, ex.n, w)
      for (let i = 0; i < ex.n; i++) {
        const coef = (p[i] as number) - (i === ex.target ? 1 : 0)
        if (coef === 0) continue
        for (let f = 0; f < FEATURE_COUNT; f++) g[f] = (g[f] as number) + coef * (ex.rows[i * FEATURE_COUNT + f] as number)
      }
    }
    for (let f = 0; f < FEATURE_COUNT; f++) {
      if (frozen.has(f)) continue
      const grad = (g[f] as number) / examples.length + l2 * (w[f] as number)
      m[f] = 0.9 * (m[f] as number) + 0.1 * grad
      v[f] = 0.999 * (v[f] as number) + 0.001 * grad * grad
      const mh = (m[f] as number) / (1 - 0.9 ** t)
      const vh = (v[f] as number) / (1 - 0.999 ** t)
      w[f] = (w[f] as number) - (rate * mh) / (Math.sqrt(vh) + 1e-8)
    }
  }
  return w
}
