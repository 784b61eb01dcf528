/**
 * Candidates and features for the learning-to-rank experiment (eval only): the blend's sources and
 * features (features.ts), plus candidates from association with any earlier command, the
 * integration family of the commands run, the incident's words and the exact same start, and
 * features about each candidate relative to this flow.
 */
import type { CaseStore } from './case-store'
import { candidateRows, FEATURE_COUNT, FEATURES, type BlendTuning, type FeatureInput } from './features'
import { familyOf, type FlowStats } from './flow-stats'
import { scoreCandidates } from './mixture'
import { tokenize } from './tokenize'
import { DEFAULT_TUNING } from './tuning'

export const LTR_EXTRA = [
  'relPos',
  'absGap',
  'lastRate',
  'firstRate',
  'df',
  'isScript',
  'sameFamilyLast',
  'familyInHistory',
  'familyStay',
  'familySize',
  'familyShare',
  'nameMatch',
  'wordMax',
  'wordSum',
  'assocAnyMax',
  'assocAnyMean',
  'nextMaxSim',
  'bagMaxSim',
  'topSim',
  'step',
  'bigramShare',
  'bigramContext',
  'trigramShare',
  'trigramContext',
  'exactShare',
  'exactContext',
  'stepsAgo',
  'mixture',
  'mixtureRank',
  'alignNext',
  'alignNextMax'
] as const
export type LtrFeature = (typeof FEATURES)[number] | (typeof LTR_EXTRA)[number]
export const LTR_FEATURES: readonly LtrFeature[] = [...FEATURES, ...LTR_EXTRA]
export const LTR_COUNT = LTR_FEATURES.length
const X = Object.fromEntries(LTR_EXTRA.map((f, i) => [f, FEATURE_COUNT + i])) as Record<(typeof LTR_EXTRA)[number], number>

export interface LtrRows {
  commands: string[]
  rows: Float64Array
}

/** Extra candidate sources; each can be switched off for an ablation. */
export interface LtrSources {
  assocAny: boolean
  family: boolean
  words: boolean
  exact: boolean
}

export const ALL_SOURCES: LtrSources = { assocAny: true, family: true, words: true, exact: true }

function extraCandidates(store: CaseStore, stats: FlowStats, input: FeatureInput, words: readonly string[], sources: LtrSources): string[] {
  const { history } = input
  const out: string[] = []
  const distinct = [...new Set(history)]
  if (sources.assocAny) for (const a of distinct.slice(-8)) out.push(...store.assoc.followers(a, 5))
  if (sources.family) out.push(...stats.familyMembers(distinct, 40))
  if (sources.words) out.push(...stats.wordCandidates(words, Math.max(5, stats.flowCount * 0.05), 4))
  if (sources.exact) out.push(...(stats.exactPrefix(history)?.keys() ?? []))
  return out
}

export function ltrRows(store: CaseStore, stats: FlowStats, input: FeatureInput, tuning: BlendTuning, sources: LtrSources = ALL_SOURCES): LtrRows {
  const { history } = input
  const words = [...new Set(tokenize(input.text))]
  const base = candidateRows(store, undefined, { ...input, extra: extraCandidates(store, stats, input, words, sources) }, tuning)
  const { commands, neighbours } = base
  const n = commands.length
  const rows = new Float64Array(n * LTR_COUNT)
  for (let i = 0; i < n; i++) rows.set(base.rows.subarray(i * FEATURE_COUNT, (i + 1) * FEATURE_COUNT), i * LTR_COUNT)

  const last = history[history.length - 1]
  const distinct = [...new Set(history)]
  const lastAt = new Map<string, number>()
  history.forEach((c, i) => lastAt.set(c, i))
  const familyCount = new Map<string, number>()
  for (const c of distinct) familyCount.set(familyOf(c), (familyCount.get(familyOf(c)) ?? 0) + 1)
  const lastFamily = last === undefined ? '' : familyOf(last)
  const queryWords = new Set(words)

  const nextMaxSim = new Map<string, number>()
  const bagMaxSim = new Map<string, number>()
  let topSim = 0
  for (const nb of neighbours) {
    topSim = Math.max(topSim, nb.score)
    const flow = nb.commands
    for (let j = 0; j < flow.length; j++) {
      const c = flow[j] as string
      if ((bagMaxSim.get(c) ?? 0) < nb.score) bagMaxSim.set(c, nb.score)
      const follows = last === undefined ? j === 0 : j > 0 && flow[j - 1] === last
      if (follows && (nextMaxSim.get(c) ?? 0) < nb.score) nextMaxSim.set(c, nb.score)
    }
  }
  // Where each similar flow stands relative to this one: after its latest command this flow also ran,
  // the next two commands it ran that this flow has not.
  const alignNext = new Map<string, number>()
  const alignNextMax = new Map<string, number>()
  const ran = new Set(history)
  for (const nb of neighbours) {
    const flow = nb.commands
    let p = -1
    for (let h = history.length - 1; h >= 0 && p < 0; h--) p = flow.lastIndexOf(history[h] as string)
    let votes = 0
    for (let j = p + 1; j < flow.length && votes < 2; j++) {
      const c = flow[j] as string
      if (ran.has(c)) continue
      const w = nb.score / (votes + 1)
      alignNext.set(c, (alignNext.get(c) ?? 0) + w)
      if ((alignNextMax.get(c) ?? 0) < w) alignNextMax.set(c, w)
      votes++
    }
  }
  const bigram = store.ngram.followers(history, 1)
  const trigram = store.ngram.followers(history, 2)
  // The shipped mixture's own score, so the trees start from what it knows.
  const mixture = new Map<string, { score: number; rank: number }>()
  scoreCandidates(store, undefined, { text: input.text, history, ...(input.exclude ? { exclude: input.exclude } : {}) }, DEFAULT_TUNING).ranked.forEach((s, rank) => mixture.set(s.command, { score: s.score, rank }))
  const exact = stats.exactPrefix(history)
  let exactTotal = 0
  for (const v of exact?.values() ?? []) exactTotal += v

  for (let i = 0; i < n; i++) {
    const c = commands[i] as string
    const r = i * LTR_COUNT
    const pos = stats.position(c)
    const fam = familyOf(c)
    const family = stats.family(c)
    const word = stats.wordEvidence(words, c)
    let assocMax = 0
    let assocSum = 0
    for (const a of distinct) {
      const p = store.assoc.probability(a, c)
      assocSum += p
      if (p > assocMax) assocMax = p
    }
    rows[r + X.relPos] = pos.rel
    rows[r + X.absGap] = pos.abs - history.length
    rows[r + X.lastRate] = pos.lastRate
    rows[r + X.firstRate] = pos.firstRate
    rows[r + X.df] = pos.df
    rows[r + X.isScript] = fam === '' ? 1 : 0
    rows[r + X.sameFamilyLast] = fam !== '' && fam === lastFamily ? 1 : 0
    rows[r + X.familyInHistory] = fam === '' ? 0 : Math.log1p(familyCount.get(fam) ?? 0)
    rows[r + X.familyStay] = fam !== '' && fam === lastFamily ? family.stay : 0
    rows[r + X.familySize] = Math.log1p(family.size)
    rows[r + X.familyShare] = family.share
    rows[r + X.nameMatch] = stats.nameMatch(queryWords, c)
    rows[r + X.wordMax] = word.max
    rows[r + X.wordSum] = word.sum
    rows[r + X.assocAnyMax] = assocMax
    rows[r + X.assocAnyMean] = distinct.length === 0 ? 0 : assocSum / distinct.length
    rows[r + X.nextMaxSim] = nextMaxSim.get(c) ?? 0
    rows[r + X.bagMaxSim] = bagMaxSim.get(c) ?? 0
    rows[r + X.topSim] = topSim
    rows[r + X.step] = history.length
    rows[r + X.bigramShare] = bigram ? (bigram.next.get(c) ?? 0) / bigram.total : -1
    rows[r + X.bigramContext] = Math.log1p(bigram?.total ?? 0)
    rows[r + X.trigramShare] = trigram ? (trigram.next.get(c) ?? 0) / trigram.total : -1
    rows[r + X.trigramContext] = Math.log1p(trigram?.total ?? 0)
    rows[r + X.exactShare] = exact ? (exact.get(c) ?? 0) / exactTotal : -1
    rows[r + X.exactContext] = Math.log1p(exactTotal)
    const mix = mixture.get(c)
    rows[r + X.mixture] = Math.log((mix?.score ?? 0) + 1e-4)
    rows[r + X.mixtureRank] = Math.min(mix?.rank ?? 99, 99)
    rows[r + X.alignNext] = alignNext.get(c) ?? 0
    rows[r + X.alignNextMax] = alignNextMax.get(c) ?? 0
    rows[r + X.stepsAgo] = lastAt.has(c) ? history.length - (lastAt.get(c) as number) : 0
  }
  return { commands, rows }
}
