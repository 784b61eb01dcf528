import { afterEach, describe, expect, it } from 'vitest'
import { formatSeconds, parseRetryAfter, requestJson } from '../../../src/main/core/integrations/http'
import { VirgilError } from '../../../src/shared/errors'
import { startHttpStandin, type HttpStandin, type StandinReply } from '../../standins/http-standin'
import { freePort } from '../../support/free-port'

const NOW = Date.parse('2024-05-01T12:00:00Z')

describe('parseRetryAfter', () => {
  it('reads seconds, an HTTP date, or an epoch X-RateLimit-Reset', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after': '30' }), NOW)).toBe(30_000)
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Wed, 01 May 2024 12:01:30 GMT' }), NOW)).toBe(90_000)
    expect(parseRetryAfter(new Headers({ 'x-ratelimit-reset': String(NOW / 1000 + 45) }), NOW)).toBe(45_000)
    expect(parseRetryAfter(new Headers({ 'x-ratelimit-reset': '12' }), NOW)).toBe(12_000)
  })

  it('gives nothing for absent or unreadable headers, and never a negative wait', () => {
    expect(parseRetryAfter(new Headers(), NOW)).toBeUndefined()
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), NOW)).toBeUndefined()
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Wed, 01 May 2024 11:00:00 GMT' }), NOW)).toBe(0)
  })
})

describe('requestJson', () => {
  const servers: HttpStandin[] = []
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()))
  })

  const start = async (route: () => StandinReply = () => ({ status: 200, body: { hello: 'world' } })): Promise<HttpStandin> => {
    const server = await startHttpStandin(route)
    servers.push(server)
    return server
  }

  const failure = async (promise: Promise<unknown>): Promise<VirgilError> => {
    const error = await promise.then(() => undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(VirgilError)
    return error as VirgilError
  }

  const get = (url: string, extra: Partial<Parameters<typeof requestJson>[1]> = {}) =>
    requestJson<{ hello: string }>(url, { timeoutMs: 2000, service: 'Acme', ...extra })

  it('returns status, parsed body and headers, and sends JSON bodies', async () => {
    const server = await start()
    const response = await get(`${server.url}/x`, { method: 'post', body: { a: 1 } })
    expect(response.status).toBe(200)
    expect(response.body.hello).toBe('world')
    expect(server.requests[0]?.method).toBe('POST')
    expect(server.requests[0]?.headers['content-type']).toBe('application/json')
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({ a: 1 })
  })

  it('words 401, 404, 429 and 5xx with the service name and code', async () => {
    const server = await start()
    server.failNext(401, {}, { error: { code: 'WrongCredentialsError', message: 'Wrong API key' } })
    server.failNext(404)
    server.failNext(429, { 'retry-after': '20' })
    server.failNext(503)
    const unauthorized = await failure(get(server.url))
    expect(unauthorized.code).toBe('UNAUTHORIZED')
    expect(unauthorized.service).toBe('Acme')
    expect(unauthorized.message).toMatch(/^Acme rejected the credentials \(401\): "Wrong API key"/)
    expect((await failure(get(server.url))).code).toBe('NOT_FOUND')
    const limited = await failure(get(server.url))
    expect(limited.code).toBe('RATE_LIMITED')
    expect(limited.retryAfterMs).toBe(20_000)
    expect(limited.message).toContain('Try again in 20 s')
    const down = await failure(get(server.url))
    expect(down.code).toBe('UNAVAILABLE')
    expect(down.message).toContain('(503)')
  })

  it('times out in words when the service is slow', async () => {
    const server = await start()
    server.delayNextMs(2000)
    const error = await failure(get(server.url, { timeoutMs: 200 }))
    expect(error.code).toBe('TIMEOUT')
    expect(error.message).toMatch(/^Acme did not answer within 0\.2 s\./)
    expect(formatSeconds(10_000)).toBe('10 s')
  })

  it('passes the caller\'s own abort through rather than calling it a timeout', async () => {
    const server = await start()
    server.delayNextMs(60_000)
    const controller = new AbortController()
    const pending = get(server.url, { timeoutMs: 10_000, signal: controller.signal })
    controller.abort(new Error('cancelled by analyst'))
    await expect(pending).rejects.toThrow('cancelled by analyst')
  })

  it('reports a refused connection as unreachable with the host', async () => {
    const port = await freePort()
    const error = await failure(get(`http://127.0.0.1:${port}/x`))
    expect(error.code).toBe('UNAVAILABLE')
    expect(error.message).toContain(`Cannot reach Acme at 127.0.0.1:${port} (ECONNREFUSED)`)
  })

  it('rejects a non-JSON answer', async () => {
    const server = await start(() => ({ status: 200, body: '<html>Sign in to the proxy</html>' }))
    const error = await failure(get(server.url))
    expect(error.code).toBe('UNAVAILABLE')
    expect(error.message).toContain('not JSON')
  })

  it('follows redirects up to the limit and drops credentials when leaving the origin', async () => {
    const target = await start()
    const origin = await start(() => ({ status: 302, headers: { location: `${target.url}/final` }, body: '' }))
    const response = await get(`${origin.url}/start`, { headers: { 'x-apikey': 'secret' }, maxRedirects: 1 })
    expect(response.url).toBe(`${target.url}/final`)
    expect(origin.requests[0]?.headers['x-apikey']).toBe('secret')
    expect(target.requests[0]?.headers['x-apikey']).toBeUndefined()

    const loop = await start(() => ({ status: 302, headers: { location: '/again' }, body: '' }))
    const error = await failure(get(loop.url, { maxRedirects: 3 }))
    expect(error.message).toContain('redirected more than 3 times')
    expect(loop.requests).toHaveLength(4)
  })
})

