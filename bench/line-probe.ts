import { performance } from 'node:perf_hooks'
import type { Core } from '../src/main/app'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Calls `fn(from, to)` for what is due at `rate` per second, in 10 ms ticks. */
export async function paced(total: number, rate: number, fn: (from: number, to: number) => void): Promise<void> {
  const start = performance.now()
  let i = 0
  while (i < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate) + 1)
    if (due > i) fn(i, due)
    i = Math.max(i, due)
    await sleep(10)
  }
}

/**
 * Chat lines written on A and timed until B commits them: `lags` holds each line's first arrival,
 * `seen` how often B heard it, `all` settles once every line arrived.
 */
export function lineProbe(a: Core, b: Core, incidentId: string, total: number) {
  const actor = { id: 'bench', name: 'Bench' }
  const sentAt = new Map<string, number>()
  const seen = new Map<string, number>()
  const lags: number[] = []
  let finished: () => void = () => {}
  const all = new Promise<void>((r) => (finished = r))
  b.log.onCommit((events) => {
    const now = performance.now()
    for (const e of events) {
      const t = sentAt.get(e.id)
      if (t === undefined) continue
      seen.set(e.id, (seen.get(e.id) ?? 0) + 1)
      if (seen.get(e.id) === 1) lags.push(now - t)
      if (lags.length >= total) finished()
    }
  })
  /** Writes lines from..to on A in one transaction (one fsync), as a busy alert intake would. */
  const write = (from: number, to: number): void => {
    const drafts = Array.from({ length: to - from }, (_, k) => ({ type: 'message.posted' as const, incidentId, actor, payload: { text: `line ${from + k}`, via: 'app', at: Date.now() } }))
    const now = performance.now()
    for (const e of a.log.append(drafts)) sentAt.set(e.id, now)
  }
  return { lags, seen, all, write }
}
