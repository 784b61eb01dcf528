/**
 * What a burst of replicated events lends its projections: writes they gather and make once, when
 * the burst ends and before it commits (e.g. an incident's line count, one update instead of one
 * per line). Outside a burst there is none and projections write at once.
 */
export class BurstScope {
  private readonly endings: (() => void)[] = []

  /** Runs `write` when the burst ends, in the order asked. */
  atEnd(write: () => void): void {
    this.endings.push(write)
  }

  end(): void {
    for (const write of this.endings) write()
    this.endings.length = 0
  }
}
