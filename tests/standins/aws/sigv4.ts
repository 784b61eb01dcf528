import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'

export interface SigV4Check {
  ok: boolean
  /** Why it failed, in AWS's own words where AWS has them. */
  problem?: 'missing' | 'malformed' | 'unknown-key' | 'wrong-service' | 'wrong-region' | 'bad-signature'
  accessKeyId?: string
  service?: string
  region?: string
}

const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex')
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest()

function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

function canonicalQuery(search: string): string {
  const params = [...new URLSearchParams(search)].map(([k, v]) => [encode(k), encode(v)] as const)
  params.sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
  return params.map(([k, v]) => `${k}=${v}`).join('&')
}

function canonicalPath(path: string): string {
  // Non-S3 services sign each segment encoded twice; decoding once first gives the SDK's input.
  return path
    .split('/')
    .map((segment) => encode(encode(decodeURIComponent(segment))))
    .join('/')
}

/** Verifies an AWS Signature Version 4 Authorization header against the known secret keys. */
export function checkSigV4(
  req: { method: string; url: string; headers: IncomingHttpHeaders },
  body: Buffer,
  expected: { service: string; region: string; keys: Record<string, string> }
): SigV4Check {
  const header = req.headers.authorization
  if (!header) return { ok: false, problem: 'missing' }
  const m = AUTH.exec(header)
  if (!m) return { ok: false, problem: 'malformed' }
  const [, accessKeyId, date, region, service, signedHeaders, signature] = m as unknown as string[]
  const base = { accessKeyId, service, region }
  const secret = expected.keys[accessKeyId!]
  if (secret === undefined) return { ok: false, problem: 'unknown-key', ...base }
  if (service !== expected.service) return { ok: false, problem: 'wrong-service', ...base }
  if (region !== expected.region) return { ok: false, problem: 'wrong-region', ...base }

  const url = new URL(req.url, 'http://standin')
  const headerLines = signedHeaders!.split(';').map((name) => {
    const raw = req.headers[name]
    const value = Array.isArray(raw) ? raw.join(',') : (raw ?? '')
    return `${name}:${value.trim().replace(/\s+/g, ' ')}\n`
  })
  const payloadHash = sha256(body)
  const claimedHash = req.headers['x-amz-content-sha256']
  if (typeof claimedHash === 'string' && claimedHash !== payloadHash) return { ok: false, problem: 'bad-signature', ...base }
  const canonical = [req.method, canonicalPath(url.pathname), canonicalQuery(url.search), headerLines.join(''), signedHeaders, payloadHash].join('\n')
  const amzDate = String(req.headers['x-amz-date'] ?? '')
  const scope = `${date}/${region}/${service}/aws4_request`
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n')
  let key = hmac(`AWS4${secret}`, date!)
  for (const part of [region!, service!, 'aws4_request']) key = hmac(key, part)
  const expectedSig = createHmac('sha256', key).update(stringToSign).digest()
  const given = Buffer.from(signature!, 'hex')
  const ok = given.length === expectedSig.length && timingSafeEqual(given, expectedSig) && amzDate.startsWith(date!)
  return ok ? { ok: true, ...base } : { ok: false, problem: 'bad-signature', ...base }
}
