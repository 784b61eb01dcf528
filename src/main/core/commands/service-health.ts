import type { ServiceState } from '../../../shared/domain'
import type { ErrorInfo } from '../../../shared/errors'

export type HealthReporter = (service: string, state: ServiceState, detail: string) => void

const OUTAGE = new Set(['UNAVAILABLE', 'TIMEOUT'])
const HELD_BACK = new Set(['RATE_LIMITED', 'QUOTA_EXCEEDED'])

/**
 * What a lookup command tells the top bar about the service it asked (VirusTotal, RDAP): down when
 * it cannot be reached or does not answer, degraded while it rate limits us, ok once it answers.
 * Errors that are about the question (404, a bad argument) say nothing about the service.
 */
export function reportLookup(report: HealthReporter | undefined, service: string | undefined, outcome: { ok: true } | { ok: false; error: ErrorInfo }): void {
  if (!report || !service) return
  if (outcome.ok) return report(service, 'ok', 'answering normally')
  const { error } = outcome
  if (error.service !== undefined && error.service !== service) return
  if (OUTAGE.has(error.code)) report(service, 'down', error.message)
  else if (HELD_BACK.has(error.code)) report(service, 'degraded', error.message)
}
