import { NgramModel } from './ngram'
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
  /** Per command: how many of its runs repeated it within the same case. */
  private readonly repeats = new Map<string, number>()
  private repeatTotal = 0

  constructor(maxOrder = 3) {
    this.ngram = new NgramModel(maxOrder)
  }

  get size(): number {
    return this.cases.size
  }

  get(id: string): StoredCase | undefined {
    return this.cases.get(id)
  }

  /** Adds a case, or brings a known one up to date. */
  upsert(c: SuggestCase): void {
    const old = this.cases.get(c.id)
    const indexedText = caseText(c)
    const stored: StoredCase = { id: c.id, indexedText, commands: [...c.commands] }
    if (c.source !== undefined) stored.source = c.source
    if (c.tags !== undefined) stored.tags = [...c.tags]
    if (c.handledBy !== undefined) stored.handledBy = c.handledBy
    if (c.closedAt !== undefined) stored.closedAt = c.closedAt
    this.cases.set(c.id, stored)
    if (!old || old.indexedText !== indexedText) this.index.set(c.id, indexedText)
    if (!old) {
      this.addPositions(stored.commands, 0, 1)
      return
    }
    if (!isPrefix(old.commands, stored.commands)) {
      this.addPositions(old.commands, 0, -1)
      this.addPositions(stored.commands, 0, 1)
      return
    }
    this.addPositions(stored.commands, old.commands.length, 1)
  }

  private addPositions(flow: readonly string[], from: number, delta: 1 | -1): void {
    for (let i = from; i < flow.length; i++) {
      this.ngram.addPosition(flow, i, delta)
      const c = flow[i] as string
      if (i === 0 || flow.lastIndexOf(c, i - 1) < 0) continue
      this.repeats.set(c, (this.repeats.get(c) ?? 0) + delta)
      this.repeatTotal += delta
    }
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
    this.addPositions(stored.commands, stored.commands.length - 1, 1)
    return true
  }

  remove(id: string): boolean {
    const old = this.cases.get(id)
    if (!old) return false
    this.cases.delete(id)
    this.index.remove(id)
    this.addPositions(old.commands, 0, -1)
    return true
  }
}

function isPrefix(a: readonly string[], b: readonly string[]): boolean {
  if (a.length > b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
