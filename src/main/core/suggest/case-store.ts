import { CommandAssoc } from './assoc'
import { NgramModel } from './ngram'
import { PrefixIndex } from './prefix-index'
import { tokenize } from './tokenize'
import { TextIndex } from './text-index'
import type { SuggestCase } from './types'

interface StoredCase {
  id: string
  indexedText: string
  commands: string[]
  source?: string
  tags?: string[]
  handledBy?: string
  closedAt?: number
}

/** Words the text index sees for a case: its text plus its source and tags. */
export function caseText(c: { text: string; source?: string; tags?: readonly string[] }): string {
  return [c.text, c.source ?? '', ...(c.tags ?? [])].join(' ')
}

/**
 * Past cases with their text index and command n-gram counts, all kept in step.
 * Every change costs O(size of the changed case); appending commands to a case
 * costs O(appended commands).
 */
export class CaseStore {
  readonly cases = new Map<string, StoredCase>()
  readonly index = new TextIndex()
  readonly ngram: NgramModel
  readonly prefixes = new PrefixIndex()
  readonly assoc = new CommandAssoc()
  /** Words in each known command's name ("cs-falcon-get-device" → cs, falcon, get, device). */
  private readonly nameWords = new Map<string, string[]>()
  /** Word → commands whose name holds it. */
  readonly byNameWord = new Map<string, Set<string>>()
  /** Per command: how many of its runs repeated it within the same case. */
  private readonly repeats = new Map<string, number>()
  private repeatTotal = 0

  /** Prefix positions, command association and name words: only the experimental blend reads them. */
  private readonly sequenceIndexes: boolean

  constructor(opts: { maxOrder?: number; sequenceIndexes?: boolean } = {}) {
    this.ngram = new NgramModel(opts.maxOrder ?? 3)
    this.sequenceIndexes = opts.sequenceIndexes ?? false
  }

  get size(): number {
    return this.cases.size
  }

  get(id: string): StoredCase | undefined {
    return this.cases.get(id)
  }

  /** Adds a case, or brings a known one up to date (growing a known flow only adds the new steps). */
  upsert(c: SuggestCase): void {
    const old = this.cases.get(c.id)
    const indexedText = caseText(c)
    if (!old || old.indexedText !== indexedText) this.index.set(c.id, indexedText)
    if (old && isPrefix(old.commands, c.commands)) {
      const from = old.commands.length
      old.commands.push(...c.commands.slice(from))
      setMeta(old, c, indexedText)
      this.addPositions(old.commands, from, 1)
      if (this.sequenceIndexes) {
        this.prefixes.add(old, from)
        this.assoc.addFlow(old.commands, 1, from)
      }
      return
    }
    if (old) this.forget(old)
    const stored: StoredCase = { id: c.id, indexedText, commands: [...c.commands] }
    setMeta(stored, c, indexedText)
    this.cases.set(c.id, stored)
    this.addPositions(stored.commands, 0, 1)
    if (this.sequenceIndexes) {
      this.prefixes.add(stored)
      this.assoc.addFlow(stored.commands, 1)
    }
  }

  private forget(old: StoredCase): void {
    this.addPositions(old.commands, 0, -1)
    if (!this.sequenceIndexes) return
    this.prefixes.remove(old)
    this.assoc.addFlow(old.commands, -1)
  }

  private addPositions(flow: readonly string[], from: number, delta: 1 | -1): void {
    for (let i = from; i < flow.length; i++) {
      this.ngram.addPosition(flow, i, delta)
      const c = flow[i] as string
      if (this.sequenceIndexes && delta > 0 && !this.nameWords.has(c)) this.learnName(c)
      if (i === 0 || flow.lastIndexOf(c, i - 1) < 0) continue
      this.repeats.set(c, (this.repeats.get(c) ?? 0) + delta)
      this.repeatTotal += delta
    }
  }

  private learnName(command: string): void {
    const words = [...new Set(tokenize(command))]
    this.nameWords.set(command, words)
    for (const w of words) {
      let set = this.byNameWord.get(w)
      if (!set) this.byNameWord.set(w, (set = new Set()))
      set.add(command)
    }
  }

  /** Words of a command's name (computed for commands no case ran, too). */
  wordsOf(command: string): readonly string[] {
    return this.nameWords.get(command) ?? tokenize(command)
  }

  /**
   * How likely a run of this command repeats one earlier in the same case, smoothed
   * toward the rate over all commands; commands never seen get that overall rate.
   */
  repeatRate(command: string, smoothing = 2): number {
    // Beta prior: about 30% of runs repeat a command (XSOAR flows: 43%), worth 5 runs.
    const overall = (this.repeatTotal + 1.5) / (this.ngram.total + 5)
    return ((this.repeats.get(command) ?? 0) + smoothing * overall) / (this.ngram.count(command) + smoothing)
  }

  /** Records one more command run in an open case: O(1) in the case's size. */
  append(id: string, command: string): boolean {
    const stored = this.cases.get(id)
    if (!stored) return false
    stored.commands.push(command)
    const at = stored.commands.length - 1
    this.addPositions(stored.commands, at, 1)
    if (this.sequenceIndexes) {
      this.prefixes.add(stored, at)
      this.assoc.append(stored.commands)
    }
    return true
  }

  remove(id: string): boolean {
    const old = this.cases.get(id)
    if (!old) return false
    this.cases.delete(id)
    this.index.remove(id)
    this.forget(old)
    return true
  }
}

function setMeta(stored: StoredCase, c: SuggestCase, indexedText: string): void {
  stored.indexedText = indexedText
  if (c.source !== undefined) stored.source = c.source
  else delete stored.source
  if (c.tags !== undefined) stored.tags = [...c.tags]
  else delete stored.tags
  if (c.handledBy !== undefined) stored.handledBy = c.handledBy
  else delete stored.handledBy
  if (c.closedAt !== undefined) stored.closedAt = c.closedAt
  else delete stored.closedAt
}

function isPrefix(a: readonly string[], b: readonly string[]): boolean {
  if (a.length > b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
