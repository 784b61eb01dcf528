import { VirgilError } from '../../../shared/errors'
import { formatSeconds, requestJson } from './http'
import { RequestQuota, systemClock, type Clock } from './virustotal-quota'
import { summarizeVt, type VtKind, type VtSummary } from './virustotal-summary'

export type { VtFlag, VtKind, VtStats, VtSummary } from './virustotal-summary'

export interface VirusTotalConfig {
  baseUrl?: string
  apiKey: string
  timeoutMs?: number
  /** 0 turns the cache off. */
  cacheTtlMs?: number
  perMinute?: number
  perDay?: number
  /** A lookup whose turn would come later than this fails at once rather than hang the command. */
  maxWaitMs?: number
  now?: () => number
  /** Waiting for a quota slot; tests pass a virtual clock instead of sleeping. */
  sleep?: Clock['sleep']
}

export interface VtLookup extends VtSummary {
  /** True when the answer came from the local cache and spent no quota. */
  fromCache: boolean
  fetchedAt: number
}

const SERVICE = 'VirusTotal'
const PATH: Record<VtKind, string> = { ip: 'ip_addresses', domain: 'domains', url: 'urls', file: 'files' }
const NOUN: Record<VtKind, string> = { ip: 'the IP address', domain: 'the domain', url: 'the URL', file: 'the file' }
const CACHE_LIMIT = 1000

/** VirusTotal API v3 lookups behind the public quota, with a TTL cache that spends none. */
export class VirusTotalClient {
  private readonly baseUrl: string
  private readonly clock: Clock
  private readonly quota: RequestQuota
  private readonly cache = new Map<string, { at: number; summary: VtSummary }>()

  constructor(private readonly config: VirusTotalConfig) {
    this.baseUrl = (config.baseUrl ?? 'https://www.virustotal.com').replace(/\/+$/, '')
    this.clock = { now: config.now ?? systemClock.now, sleep: config.sleep ?? systemClock.sleep }
    this.quota = new RequestQuota({
      perMinute: config.perMinute ?? 4,
      perDay: config.perDay ?? 500,
      maxWaitMs: config.maxWaitMs ?? 90_000,
      clock: this.clock,
      service: SERVICE
    })
  }

  ip(ip: string, signal?: AbortSignal): Promise<VtLookup> {
    return this.lookup('ip', ip.trim().toLowerCase(), signal)
  }

  domain(domain: string, signal?: AbortSignal): Promise<VtLookup> {
    return this.lookup('domain', domain.trim().toLowerCase().replace(/\.$/, ''), signal)
  }

  url(url: string, signal?: AbortSignal): Promise<VtLookup> {
    return this.lookup('url', url.trim(), signal)
  }

  /** An MD5, SHA-1 or SHA-256. */
  file(hash: string, signal?: AbortSignal): Promise<VtLookup> {
    return this.lookup('file', hash.trim().toLowerCase(), signal)
  }

  remainingToday(): number {
    return this.quota.remainingToday()
  }

  dispose(): void {
    this.quota.dispose()
    this.cache.clear()
  }

  async lookup(kind: VtKind, value: string, signal?: AbortSignal): Promise<VtLookup> {
    if (!this.config.apiKey) {
      throw new VirgilError('NOT_CONFIGURED', 'Set the VirusTotal API key in Settings → VirusTotal before running VirusTotal lookups.', { service: SERVICE })
    }
    const key = `${kind}:${value}`
    const ttl = this.config.cacheTtlMs ?? 3_600_000
    const hit = this.cache.get(key)
    if (hit && this.clock.now() - hit.at < ttl) return { ...hit.summary, fromCache: true, fetchedAt: hit.at }

    await this.quota.acquire(signal)
    const raw = await this.fetchObject(kind, value, signal)
    const summary = summarizeVt(kind, value, raw)
    const at = this.clock.now()
    if (ttl > 0) this.remember(key, at, summary)
    return { ...summary, fromCache: false, fetchedAt: at }
  }

  private async fetchObject(kind: VtKind, value: string, signal?: AbortSignal): Promise<unknown> {
    const id = kind === 'url' ? Buffer.from(value, 'utf8').toString('base64url') : encodeURIComponent(value)
    try {
      const response = await requestJson<unknown>(`${this.baseUrl}/api/v3/${PATH[kind]}/${id}`, {
        headers: { 'x-apikey': this.config.apiKey },
        timeoutMs: this.config.timeoutMs ?? 10_000,
        service: SERVICE,
        signal
      })
      return response.body
    } catch (error) {
      throw this.reword(error, kind, value)
    }
  }

  private reword(error: unknown, kind: VtKind, value: string): unknown {
    if (!(error instanceof VirgilError)) return error
    if (error.code === 'UNAUTHORIZED') {
      return new VirgilError('UNAUTHORIZED', `VirusTotal rejected the API key (401). Check Settings → VirusTotal API key.`, { service: SERVICE })
    }
    if (error.code === 'NOT_FOUND') {
      return new VirgilError('NOT_FOUND', `VirusTotal has no record of ${NOUN[kind]} ${value}: nobody has submitted or scanned it yet.`, { service: SERVICE })
    }
    if (error.code === 'RATE_LIMITED') {
      const pauseMs = error.retryAfterMs ?? 60_000
      this.quota.pauseFor(pauseMs)
      return new VirgilError(
        'RATE_LIMITED',
        `VirusTotal says the quota for this API key is used up (429). Virgil holds further lookups for ${formatSeconds(pauseMs)}; if it keeps happening the daily quota is spent (resets at 00:00 UTC).`,
        { service: SERVICE, retryAfterMs: pauseMs }
      )
    }
    return error
  }

  private remember(key: string, at: number, summary: VtSummary): void {
    this.cache.delete(key)
    this.cache.set(key, { at, summary })
    if (this.cache.size > CACHE_LIMIT) {
      const oldest = this.cache.keys().next()
      if (!oldest.done) this.cache.delete(oldest.value)
    }
  }
}
