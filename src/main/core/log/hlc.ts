/**
 * Hybrid logical clock: wall-clock milliseconds plus a counter, so stamps from workstations with
 * skewed clocks still order causally. Encoded as a fixed-width string that sorts like the clock.
 */
export interface HlcStamp {
  wall: number
  counter: number
}

export function encodeHlc(s: HlcStamp, origin: string): string {
  return `${s.wall.toString().padStart(15, '0')}-${s.counter.toString().padStart(6, '0')}-${origin}`
}

const STAMP = /^(\d{15})-(\d{6})-/

/** wall and counter of a stamp; the fixed-width stamps this version writes are read without splitting. */
function decodeStamp(encoded: string): HlcStamp {
  const m = STAMP.exec(encoded)
  return m ? { wall: Number(m[1]), counter: Number(m[2]) } : decodeHlc(encoded)
}

export function decodeHlc(encoded: string): HlcStamp & { origin: string } {
  const [wall = '0', counter = '0', ...rest] = encoded.split('-')
  return { wall: Number(wall), counter: Number(counter), origin: rest.join('-') }
}

export class HybridClock {
  private last: HlcStamp = { wall: 0, counter: 0 }

  constructor(
    readonly origin: string,
    private readonly now: () => number = Date.now
  ) {}

  /** A stamp for a local event. */
  tick(): string {
    const wall = Math.max(this.now(), this.last.wall)
    this.last = wall === this.last.wall ? { wall, counter: this.last.counter + 1 } : { wall, counter: 0 }
    return encodeHlc(this.last, this.origin)
  }

  /** Merge a stamp seen on a remote event, so later local stamps sort after it. */
  observe(encoded: string): void {
    const remote = decodeStamp(encoded)
    const wall = Math.max(this.now(), this.last.wall, remote.wall)
    let counter = 0
    if (wall === this.last.wall && wall === remote.wall) counter = Math.max(this.last.counter, remote.counter) + 1
    else if (wall === this.last.wall) counter = this.last.counter + 1
    else if (wall === remote.wall) counter = remote.counter + 1
    this.last = { wall, counter }
  }
}
