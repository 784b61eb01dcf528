import { VirgilError } from '../../../shared/errors'
import { formatSeconds } from './http'

export interface Clock {
  now(): number
  /** Resolves after ms, or rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason)
      const onAbort = (): void => {
        clearTimeout(timer)
        reject(signal?.reason)
      }
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      }, ms)
      signal?.addEventListener('abort', onAbort, { once: true })
    })
}

export interface QuotaOptions {
  perMinute: number
  perDay: number
  /** A caller whose turn would come later than this fails at once instead of waiting. */
  maxWaitMs: number
  clock: Clock
  service?: string
}

interface Waiter {
  resolve(): void
  reject(error: unknown): void
}

const MINUTE = 60_000
const DAY = 86_400_000

/**
 * First-come first-served gate for a public API quota: at most perMinute requests in any
 * 60 s window and perDay per UTC day. One pump releases waiters in order; a 429 pauses it.
 */
export class RequestQuota {
  private readonly sent: number[] = []
  private dayKey = ''
  private dayCount = 0
  private pausedUntil = 0
  private readonly waiters: Waiter[] = []
  private pump: AbortController | undefined

  constructor(private readonly options: QuotaOptions) {}

  /** Waits for this caller's turn; rejects in words when the wait is too long or the day is spent. */
  async acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted()
    const now = this.options.clock.now()
    this.rollDay(now)
    if (this.dayCount + this.waiters.length >= this.options.perDay) throw this.dayQuotaError(now)
    const wait = this.estimateWait(now, this.waiters.length)
    if (wait > this.options.maxWaitMs) {
      const service = this.options.service ?? 'VirusTotal'
      throw new VirgilError(
        'RATE_LIMITED',
        `${service} free quota: ${this.options.perMinute} lookups a minute; ${this.waiters.length} already waiting, your turn would come in ${formatSeconds(wait)}. Try again then.`,
        { service, retryAfterMs: wait }
      )
    }
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.waiters.indexOf(waiter)
        if (index >= 0) this.waiters.splice(index, 1)
        if (this.waiters.length === 0) this.pump?.abort()
        reject(signal?.reason)
      }
      const waiter: Waiter = {
        resolve: () => {
          signal?.removeEventListener('abort', onAbort)
          resolve()
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort)
          reject(error)
        }
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.waiters.push(waiter)
      this.startPump()
    })
  }

  /** The service said 429: hold everyone back for ms. */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.options.clock.now() + ms)
  }

  /** Lookups left today (UTC). */
  remainingToday(): number {
    this.rollDay(this.options.clock.now())
    return Math.max(0, this.options.perDay - this.dayCount)
  }

  dispose(): void {
    this.pump?.abort()
    for (const waiter of this.waiters.splice(0)) waiter.reject(new VirgilError('UNAVAILABLE', 'The lookup was cancelled because the client was shut down.'))
  }

  private startPump(): void {
    if (this.pump) return
    const controller = new AbortController()
    this.pump = controller
    this.runPump(controller.signal)
      .catch(() => undefined)
      .finally(() => {
        if (this.pump === controller) this.pump = undefined
        if (this.waiters.length > 0) this.startPump()
      })
  }

  private async runPump(signal: AbortSignal): Promise<void> {
    while (this.waiters.length > 0 && !signal.aborted) {
      const now = this.options.clock.now()
      this.rollDay(now)
      if (this.dayCount >= this.options.perDay) {
        this.waiters.shift()?.reject(this.dayQuotaError(now))
        continue
      }
      const wait = this.estimateWait(now, 0)
      if (wait > 0) {
        await this.options.clock.sleep(wait, signal)
        continue
      }
      this.sent.push(now)
      this.dayCount++
      this.waiters.shift()?.resolve()
    }
  }

  /** When the caller with `ahead` others before it may go, in ms from now. */
  private estimateWait(now: number, ahead: number): number {
    while (this.sent.length > 0 && (this.sent[0] ?? 0) <= now - MINUTE) this.sent.shift()
    const slots = [...this.sent]
    let at = Math.max(now, this.pausedUntil)
    for (let i = 0; i <= ahead; i++) {
      const blocker = slots[slots.length - this.options.perMinute]
      if (blocker !== undefined) at = Math.max(at, blocker + MINUTE)
      slots.push(at)
    }
    return at - now
  }

  private rollDay(now: number): void {
    const key = new Date(now).toISOString().slice(0, 10)
    if (key === this.dayKey) return
    this.dayKey = key
    this.dayCount = 0
  }

  private dayQuotaError(now: number): VirgilError {
    const service = this.options.service ?? 'VirusTotal'
    const retryAfterMs = DAY - (now % DAY)
    const totalMinutes = Math.ceil(retryAfterMs / 60_000)
    const hours = Math.floor(totalMinutes / 60)
    const minutes = totalMinutes % 60
    return new VirgilError(
      'QUOTA_EXCEEDED',
      `${service} free quota: ${this.options.perDay} lookups a day used; resets at 00:00 UTC (in ${hours} h ${minutes} min).`,
      { service, retryAfterMs }
    )
  }
}
