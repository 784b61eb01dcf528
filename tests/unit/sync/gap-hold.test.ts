import type { JsMsg } from 'nats'
import { afterEach, describe, expect, it } from 'vitest'
import { GapHold } from '../../../src/main/core/sync/gap-hold'

/** Only what the hold reads of a delivered message (nats.js's JsMsg). */
const delivered = (subject: string, seq: number, stream = 'SOC_EVENTS') =>
  ({ subject, seq, info: { stream }, working: () => {}, nak: () => {} }) as unknown as JsMsg

let hold: GapHold | undefined
afterEach(() => hold?.stop())

describe('early events held for their predecessor', () => {
  it('are released only for incidents whose chain moved, in stream order; a gap that never closes stays put', () => {
    hold = new GapHold(10_000)
    for (const m of [delivered('soc.events.X', 7), delivered('soc.restricted.legal.Y', 9), delivered('soc.events.X', 3), delivered('soc.events.Z', 5)]) hold.hold(m)
    expect(hold.takeFor(new Set(['Q']))).toEqual([])
    expect(hold.takeFor(new Set(['X', 'Y'])).map((m) => `${m.subject}#${m.seq}`)).toEqual(['soc.events.X#3', 'soc.events.X#7', 'soc.restricted.legal.Y#9'])
    expect(hold.size).toBe(1)
    expect(hold.count('SOC_EVENTS')).toBe(1)
  })

  it('sends back what exceeds its cap instead of holding it', () => {
    const naks: number[] = []
    hold = new GapHold(10_000, 2)
    for (const seq of [1, 2, 3]) hold.hold({ ...delivered('soc.events.X', seq), nak: () => naks.push(seq) } as unknown as JsMsg)
    expect(hold.size).toBe(2)
    expect(naks).toEqual([3])
  })
})
