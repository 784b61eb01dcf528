/**
 * Gradient-boosted regression trees for listwise ranking (eval only): each round fits a small
 * tree to the gradient of the softmax cross-entropy over each group's candidates (the command that
 * came next is the one right answer), Newton leaf values, features cut into quantile bins.
 */

export interface RankGroup {
  /** rows[i * featureCount + f]: feature f of candidate i. */
  rows: Float64Array
  n: number
  /** Index of the right candidate. */
  target: number
}

export interface Tree {
  /** Per node: split feature (-1 for a leaf), threshold (go left when value <= it), children, leaf value. */
  feature: number[]
  threshold: number[]
  left: number[]
  right: number[]
  value: number[]
}

export interface RankerOptions {
  rounds: number
  depth: number
  rate: number
  /** L2 on leaf values. */
  lambda: number
  /** Smallest hessian sum a leaf may hold. */
  minHessian: number
  bins: number
}

export const RANKER_DEFAULTS: RankerOptions = { rounds: 120, depth: 3, rate: 0.1, lambda: 1, minHessian: 1, bins: 32 }

export function treeScore(tree: Tree, rows: Float64Array, at: number): number {
  let node = 0
  while ((tree.feature[node] as number) >= 0) {
    const f = tree.feature[node] as number
    node = (rows[at + f] as number) <= (tree.threshold[node] as number) ? (tree.left[node] as number) : (tree.right[node] as number)
  }
  return tree.value[node] as number
}

/** Scores of n candidates under the ensemble. */
export function scoreRows(trees: readonly Tree[], rows: Float64Array, n: number, featureCount: number): Float64Array {
  const out = new Float64Array(n)
  for (const tree of trees) for (let i = 0; i < n; i++) out[i] = (out[i] as number) + treeScore(tree, rows, i * featureCount)
  return out
}

/** Up to bins-1 cut points per feature, from the distinct values' quantiles. */
function cutPoints(x: Float64Array, total: number, featureCount: number, f: number, bins: number): number[] {
  const step = Math.max(1, Math.floor(total / 20000))
  const values: number[] = []
  for (let i = 0; i < total; i += step) values.push(x[i * featureCount + f] as number)
  values.sort((a, b) => a - b)
  const cuts: number[] = []
  for (let b = 1; b < bins; b++) {
    const v = values[Math.floor((b * values.length) / bins)] as number
    if (v !== undefined && (cuts.length === 0 || v > (cuts[cuts.length - 1] as number)) && v < (values[values.length - 1] as number)) cuts.push(v)
  }
  return cuts
}

export function fitRanker(groups: readonly RankGroup[], featureCount: number, opts: Partial<RankerOptions> = {}): Tree[] {
  const o = { ...RANKER_DEFAULTS, ...opts }
  const total = groups.reduce((s, g) => s + g.n, 0)
  if (total === 0) return []
  const x = new Float64Array(total * featureCount)
  const starts: number[] = []
  let at = 0
  for (const g of groups) {
    starts.push(at)
    x.set(g.rows.subarray(0, g.n * featureCount), at * featureCount)
    at += g.n
  }
  const cuts = Array.from({ length: featureCount }, (_, f) => cutPoints(x, total, featureCount, f, o.bins))
  // Feature-major, so a histogram pass reads one feature's bins in a run.
  const binned = new Uint8Array(total * featureCount)
  for (let i = 0; i < total; i++) {
    for (let f = 0; f < featureCount; f++) {
      const c = cuts[f] as number[]
      const v = x[i * featureCount + f] as number
      let lo = 0
      let hi = c.length
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (v <= (c[mid] as number)) hi = mid
        else lo = mid + 1
      }
      binned[f * total + i] = lo
    }
  }
  const score = new Float64Array(total)
  const grad = new Float64Array(total)
  const hess = new Float64Array(total)
  const trees: Tree[] = []
  const G = new Float64Array(o.bins + 1)
  const H = new Float64Array(o.bins + 1)
  for (let round = 0; round < o.rounds; round++) {
    groups.forEach((g, k) => {
      const s = starts[k] as number
      let max = -Infinity
      for (let i = 0; i < g.n; i++) max = Math.max(max, score[s + i] as number)
      let z = 0
      for (let i = 0; i < g.n; i++) z += Math.exp((score[s + i] as number) - max)
      for (let i = 0; i < g.n; i++) {
        const p = Math.exp((score[s + i] as number) - max) / z
        grad[s + i] = p - (i === g.target ? 1 : 0)
        hess[s + i] = Math.max(p * (1 - p), 1e-6)
      }
    })
    const tree: Tree = { feature: [], threshold: [], left: [], right: [], value: [] }
    const grow = (members: Int32Array, depth: number): number => {
      const node = tree.feature.length
      let gs = 0
      let hs = 0
      const m = members.length
      for (let k = 0; k < m; k++) {
        const i = members[k] as number
        gs += grad[i] as number
        hs += hess[i] as number
      }
      tree.feature.push(-1)
      tree.threshold.push(0)
      tree.left.push(-1)
      tree.right.push(-1)
      tree.value.push((-gs / (hs + o.lambda)) * o.rate)
      if (depth >= o.depth || hs < 2 * o.minHessian) return node
      const parentGain = (gs * gs) / (hs + o.lambda)
      let best = 1e-9
      let bestF = -1
      let bestBin = -1
      for (let f = 0; f < featureCount; f++) {
        const nb = (cuts[f] as number[]).length + 1
        if (nb < 2) continue
        G.fill(0, 0, nb)
        H.fill(0, 0, nb)
        const offset = f * total
        for (let k = 0; k < m; k++) {
          const i = members[k] as number
          const b = binned[offset + i] as number
          G[b] = (G[b] as number) + (grad[i] as number)
          H[b] = (H[b] as number) + (hess[i] as number)
        }
        let gl = 0
        let hl = 0
        for (let b = 0; b < nb - 1; b++) {
          gl += G[b] as number
          hl += H[b] as number
          const hr = hs - hl
          if (hl < o.minHessian || hr < o.minHessian) continue
          const gr = gs - gl
          const gain = (gl * gl) / (hl + o.lambda) + (gr * gr) / (hr + o.lambda) - parentGain
          if (gain > best) {
            best = gain
            bestF = f
            bestBin = b
          }
        }
      }
      if (bestF < 0) return node
      const left: number[] = []
      const right: number[] = []
      for (let k = 0; k < m; k++) {
        const i = members[k] as number
        ;((binned[bestF * total + i] as number) <= bestBin ? left : right).push(i)
      }
      tree.feature[node] = bestF
      tree.threshold[node] = (cuts[bestF] as number[])[bestBin] as number
      tree.left[node] = grow(Int32Array.from(left), depth + 1)
      tree.right[node] = grow(Int32Array.from(right), depth + 1)
      return node
    }
    grow(Int32Array.from({ length: total }, (_, i) => i), 0)
    for (let i = 0; i < total; i++) score[i] = (score[i] as number) + treeScore(tree, x, i * featureCount)
    trees.push(tree)
  }
  return trees
}
