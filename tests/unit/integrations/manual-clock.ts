/** A clock tests move by hand: sleepers wake only when advance() passes their deadline. */
export class ManualClock {
  private sleepers: { at: number; resolve(): void }[] = []

  constructor(private current: number) {}

  readonly now = (): number => this.current

  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason)
      const sleeper = { at: this.current + ms, resolve }
      this.sleepers.push(sleeper)
      signal?.addEventListener('abort', () => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper)
        reject(signal.reason)
      }, { once: true })
    })

  /** Deadlines of everyone asleep, in ms from now. */
  pending(): number[] {
    return this.sleepers.map((s) => s.at - this.current)
  }

  advance(ms: number): void {
    this.current += ms
    const due = this.sleepers.filter((s) => s.at <= this.current)
    this.sleepers = this.sleepers.filter((s) => s.at > this.current)
    for (const sleeper of due) sleeper.resolve()
  }
}
