/** Human incident numbers, ServiceNow style: INC0000001 (seven digits, more once it runs past 9,999,999). */
import { z } from 'zod'
import { VirgilError } from './errors'

const PREFIX = 'INC'
const MIN_DIGITS = 7
const PATTERN = /^INC(\d{1,16})$/i

export const incidentNumberSchema = z.string().regex(/^INC\d{7,}$/, 'An incident number looks like INC0000042')

export function formatIncidentNumber(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new VirgilError('BAD_INPUT', `Incident numbers are whole numbers from 1 up; got ${n}.`)
  }
  return PREFIX + String(n).padStart(MIN_DIGITS, '0')
}

function numberIn(s: string): number | null {
  const digits = PATTERN.exec(s.trim())?.[1]
  const n = digits === undefined ? NaN : Number(digits)
  return Number.isSafeInteger(n) && n >= 1 ? n : null
}

/** Read 'INC0000042' (any case, surrounding spaces ignored, fewer zeros accepted: 'inc42') as 42. */
export function parseIncidentNumber(s: string): number {
  const n = numberIn(s)
  if (n === null) {
    const shown = s.trim().length > 40 ? `${s.trim().slice(0, 37)}...` : s.trim()
    throw new VirgilError('BAD_INPUT', `"${shown}" is not an incident number. Incident numbers look like INC0000042.`)
  }
  return n
}

export function isIncidentNumber(s: string): boolean {
  return numberIn(s) !== null
}
