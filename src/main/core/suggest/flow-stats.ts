/**
 * Statistics over past flows that describe a candidate command relative to the flow at hand, for
 * the learning-to-rank experiment (eval only): where the command usually sits, its integration
 * family (the name before the first '-', as in anyrun-run-analysis → anyrun-get-report), which
 * incident words go with it, and what followed the exact same steps from the start.
 */
import { tokenize } from './tokenize'

export interface StatsFlow {
  text: string
  tags?: readonly string[]
  commands: readonly string[]
}

interface CommandFacts {
  /** Flows that ran it. */
  flows: number
  runs: number
  /** Runs that were its first in the flow. */
  firstRuns: number
  /** Sums over flows of its first position, absolute and relative (0 = first, 1 = last). */
  absSum: number
  relSum: number
  /** Flows where it was the last command. */
  lastIn: number
}

/** '' for scripts and plumbing (no '-' in the name). */
export function familyOf(command: string): string {
  const dash = command.indexOf('-')
  return dash <= 0 ? '' : command.slice(0, dash).toLowerCase()
}

const SEP = '\u0001'

export class FlowStats {
  readonly flowCount: number
  private readonly facts = new Map<string, CommandFacts>()
  /** Family → flows that ran any of its commands. */
  private readonly familyFlows = new Map<string, number>()
  /** Family → distinct commands. */
  private readonly familySize = new Map<string, number>()
  /** Family → [transitions from it to another command of it, transitions from it to any other command]. */
  private readonly familyStay = new Map<string, [number, number]>()
  /** Incident word → flows with it; word → command → flows with both. */
  private readonly wordFlows = new Map<string, number>()
  private readonly wordCommand = new Map<string, Map<string, number>>()
  /** Command-name token → commands whose name holds it (how discriminative a name word is). */
  private readonly nameTokenCommands = new Map<string, number>()
  private readonly commandCount: number
  /** Exact prefix (joined) → what came next, counted. */
  private readonly prefixNext = new Map<string, Map<string, number>>()

  constructor(flows: readonly StatsFlow[]) {
    this.flowCount = flows.length
    for (const f of flows) this.addFlow(f)
    for (const c of this.facts.keys()) {
      const fam = familyOf(c)
      this.familySize.set(fam, (this.familySize.get(fam) ?? 0) + 1)
      for (const t of new Set(tokenize(c))) this.nameTokenCommands.set(t, (this.nameTokenCommands.get(t) ?? 0) + 1)
    }
    this.commandCount = this.facts.size
  }

  private addFlow(f: StatsFlow): void {
    const cmds = f.commands
    const firstAt = new Map<string, number>()
    cmds.forEach((c, i) => {
      let facts = this.facts.get(c)
      if (!facts) this.facts.set(c, (facts = { flows: 0, runs: 0, firstRuns: 0, absSum: 0, relSum: 0, lastIn: 0 }))
      facts.runs++
      if (!firstAt.has(c)) {
        firstAt.set(c, i)
        facts.firstRuns++
        facts.flows++
        facts.absSum += i
        facts.relSum += cmds.length === 1 ? 0 : i / (cmds.length - 1)
      }
      if (i > 0) {
        const from = familyOf(cmds[i - 1] as string)
        if (from !== '' && c !== cmds[i - 1]) {
          const stay = this.familyStay.get(from) ?? [0, 0]
          stay[1]++
          if (familyOf(c) === from) stay[0]++
          this.familyStay.set(from, stay)
        }
      }
      const key = cmds.slice(0, i).join(SEP)
      let next = this.prefixNext.get(key)
      if (!next) this.prefixNext.set(key, (next = new Map()))
      next.set(c, (next.get(c) ?? 0) + 1)
    })
    const last = cmds[cmds.length - 1]
    if (last !== undefined) (this.facts.get(last) as CommandFacts).lastIn++
    for (const fam of new Set([...firstAt.keys()].map(familyOf))) this.familyFlows.set(fam, (this.familyFlows.get(fam) ?? 0) + 1)
    const words = new Set(tokenize([f.text, ...(f.tags ?? [])].join(' ')))
    for (const w of words) {
      this.wordFlows.set(w, (this.wordFlows.get(w) ?? 0) + 1)
      let row = this.wordCommand.get(w)
      if (!row) this.wordCommand.set(w, (row = new Map()))
      for (const c of firstAt.keys()) row.set(c, (row.get(c) ?? 0) + 1)
    }
  }

  /** Mean relative first position (0.5 when unknown), mean absolute first position, share of flows it ended. */
  position(c: string): { rel: number; abs: number; lastRate: number; firstRate: number; df: number } {
    const f = this.facts.get(c)
    if (!f) return { rel: 0.5, abs: 0, lastRate: 0, firstRate: 1, df: 0 }
    return { rel: f.relSum / f.flows, abs: f.absSum / f.flows, lastRate: f.lastIn / f.flows, firstRate: f.firstRuns / f.runs, df: f.flows / Math.max(1, this.flowCount) }
  }

  /** Commands in the family; share of a family's transitions that stay in it; P(c | its family ran). */
  family(c: string): { size: number; stay: number; share: number } {
    const fam = familyOf(c)
    const stay = this.familyStay.get(fam)
    const fams = this.familyFlows.get(fam) ?? 0
    return {
      size: this.familySize.get(fam) ?? 0,
      stay: stay ? (stay[0] + 0.5) / (stay[1] + 1) : 0.5,
      share: fams === 0 ? 0 : (this.facts.get(c)?.flows ?? 0) / fams
    }
  }

  /** Commands of the same family as any of the given ones (at most `max` per family). */
  familyMembers(commands: Iterable<string>, max: number): string[] {
    const fams = new Set<string>()
    for (const c of commands) {
      const fam = familyOf(c)
      if (fam !== '') fams.add(fam)
    }
    if (fams.size === 0) return []
    const out: string[] = []
    for (const c of this.facts.keys()) if (fams.has(familyOf(c)) && (this.familySize.get(familyOf(c)) ?? 0) <= max) out.push(c)
    return out
  }

  /** The incident's words that say most about c: max and sum of smoothed lift of P(c | word) over P(c). */
  wordEvidence(words: readonly string[], c: string): { max: number; sum: number } {
    const base = ((this.facts.get(c)?.flows ?? 0) + 0.1) / (this.flowCount + 1)
    let max = 0
    let sum = 0
    for (const w of words) {
      const n = this.wordFlows.get(w) ?? 0
      if (n < 2) continue
      const both = this.wordCommand.get(w)?.get(c) ?? 0
      const lift = Math.log(((both + base) / (n + 1)) / base)
      if (lift > max) max = lift
      if (lift > 0) sum += lift
    }
    return { max, sum }
  }

  /** Commands most associated with the incident's words (discriminative words only). */
  wordCandidates(words: readonly string[], maxDf: number, perWord: number): string[] {
    const out: string[] = []
    for (const w of words) {
      const n = this.wordFlows.get(w) ?? 0
      if (n < 2 || n > maxDf) continue
      const row = this.wordCommand.get(w)
      if (!row) continue
      const top = [...row.entries()].filter(([, k]) => k >= 2).sort((a, b) => b[1] - a[1]).slice(0, perWord)
      for (const [c] of top) out.push(c)
    }
    return out
  }

  /** Idf-weighted share of the command's name words found in the incident's words. */
  nameMatch(queryWords: ReadonlySet<string>, c: string): number {
    let hit = 0
    let all = 0
    for (const t of new Set(tokenize(c))) {
      const idf = Math.log((this.commandCount + 1) / ((this.nameTokenCommands.get(t) ?? 0) + 1)) + 0.1
      all += idf
      if (queryWords.has(t)) hit += idf
    }
    return all === 0 ? 0 : hit / all
  }

  /** Past flows that began with exactly these steps, and the share of them where c came next. */
  exactPrefix(history: readonly string[]): Map<string, number> | undefined {
    return this.prefixNext.get(history.join(SEP))
  }
}
