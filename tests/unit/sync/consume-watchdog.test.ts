import type { ConsumerMessages } from 'nats'
import { describe, expect, it } from 'vitest'
import { watchConsume } from '../../../src/main/core/sync/consume-watchdog'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Stands in for the client's ConsumerMessages: the watchdog only closes it. */
function messages(): ConsumerMessages & { closes: number } {
  const m = { closes: 0, close: () => (m.closes++, Promise.resolve(undefined)) }
  return m as unknown as ConsumerMessages & { closes: number }
}

describe('the consume watchdog', () => {
  it('pulls again when nothing arrives while the server holds work, and tells the first of a run only', async () => {
    const current = messages()
    let stalls = 0
    const w = watchConsume(() => Promise.resolve(5), () => current, () => stalls++, 100)
    await sleep(180)
    expect([current.closes, stalls]).toEqual([1, 1])
    expect(w.takeStall()).toBe(true)
    expect(w.takeStall()).toBe(false)
    // The re-pull brought nothing: the next one follows (after 1 s at most, here capped by stallMs).
    await sleep(180)
    expect([current.closes, stalls]).toEqual([2, 1])
    w.stop()
  })

  it('leaves a quiet consumer alone when nothing waits, and one that keeps receiving', async () => {
    const current = messages()
    const idle = watchConsume(() => Promise.resolve(0), () => current, () => {}, 60)
    const busy = watchConsume(() => Promise.resolve(5), () => current, () => {}, 60)
    const feeding = setInterval(() => busy.seen(), 10)
    await sleep(300)
    clearInterval(feeding)
    idle.stop()
    busy.stop()
    expect(current.closes).toBe(0)
  })

  it('checks at once when the client hears its pulls may be gone', async () => {
    const current = messages()
    const w = watchConsume(() => Promise.resolve(3), () => current, () => {}, 10_000)
    w.seen()
    w.suspect()
    await sleep(120)
    expect(current.closes).toBe(1)
    w.stop()
  })
})
