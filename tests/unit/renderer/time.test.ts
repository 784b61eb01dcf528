import { describe, expect, it } from 'vitest'
import { durationWords, fullTime } from '../../../src/renderer/src/lib/time'

describe('times on screen', () => {
  it('writes the exact moment in UTC, as SIEMs and tickets do, whatever the machine zone', () => {
    expect(fullTime(Date.UTC(2026, 11, 7, 21, 9, 34, 512))).toBe('2026-12-07 21:09:34 UTC')
  })

  it('words a duration at the scale that matters', () => {
    expect(durationWords(192)).toBe('192 ms')
    expect(durationWords(5_400)).toBe('5.4 s')
    expect(durationWords(125_000)).toBe('2m 5s')
  })
})
