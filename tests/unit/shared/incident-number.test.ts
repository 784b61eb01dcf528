import { describe, expect, it } from 'vitest'
import { VirgilError } from '../../../src/shared/errors'
import {
  formatIncidentNumber,
  incidentNumberSchema,
  isIncidentNumber,
  parseIncidentNumber
} from '../../../src/shared/incident-number'

describe('incident numbers', () => {
  it.each<[number, string]>([
    [1, 'INC0000001'],
    [42, 'INC0000042'],
    [9_999_999, 'INC9999999'],
    [10_000_000, 'INC10000000'],
    [123_456_789, 'INC123456789']
  ])('%i ⇄ %s', (n, text) => {
    expect(formatIncidentNumber(n)).toBe(text)
    expect(parseIncidentNumber(text)).toBe(n)
    expect(incidentNumberSchema.safeParse(text).success).toBe(true)
  })

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('refuses to format %s', (n) => {
    expect(() => formatIncidentNumber(n)).toThrow(VirgilError)
  })

  it.each<[string, number]>([
    ['inc0000007', 7],
    ['  INC0000007 ', 7],
    ['INC7', 7]
  ])('reads %j leniently', (text, n) => {
    expect(parseIncidentNumber(text)).toBe(n)
    expect(isIncidentNumber(text)).toBe(true)
  })

  it.each(['', 'INC', 'INC0000000', '42', 'INC-0000042', 'INC00000x1', 'PRB0000001', 'INC99999999999999999'])(
    'rejects %j',
    (text) => {
      expect(isIncidentNumber(text)).toBe(false)
      expect(() => parseIncidentNumber(text)).toThrow(/is not an incident number/)
    }
  )

  it('the schema insists on the canonical seven-digit form', () => {
    expect(incidentNumberSchema.safeParse('INC42').success).toBe(false)
    expect(incidentNumberSchema.safeParse('inc0000042').success).toBe(false)
  })
})
