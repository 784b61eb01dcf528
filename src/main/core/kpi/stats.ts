import type { DurationStat } from '../../../shared/kpi'

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i] as number
}

export function durationStat(values: number[]): DurationStat {
  // A typed array sorts numbers natively, several times faster than a comparator.
  const sorted = Float64Array.from(values).sort()
  return { n: sorted.length, median: percentile(sorted, 50), p90: percentile(sorted, 90) }
}

const DAY = 86_400_000
/** Monday 00:00 UTC of the week holding `at`. */
export function weekStart(at: number): number {
  const day = Math.floor(at / DAY)
  // 1970-01-01 was a Thursday: day 0 is weekday 3 counting from Monday.
  return (day - ((day + 3) % 7)) * DAY
}
