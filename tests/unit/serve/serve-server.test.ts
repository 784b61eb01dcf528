import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'node:http'
import WebSocket from 'ws'
import { startServe, type ServeHandle } from '../../../src/main/serve/serve-server'
import { makeCore, type TestCore } from '../core/make-core'

let t: TestCore
let handle: ServeHandle
let rendererDir: string
afterEach(async () => {
  await handle.close()
  await t.dispose()
  rmSync(rendererDir, { recursive: true, force: true })
})

async function setup(): Promise<void> {
  t = makeCore()
  rendererDir = mkdtempSync(join(tmpdir(), 'virgil-renderer-'))
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Virgil</title>')
  handle = await startServe(t.core, { rendererDir })
}

function get(path: string, host: string): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: handle.port, path, headers: { host } }, (res) => {
      res.resume()
      resolve({ status: res.statusCode ?? 0, headers: res.headers })
    })
    req.on('error', reject)
    req.end()
  })
}

function connect(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers })
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
  })
}

describe('serve mode transport', () => {
  it('serves the app with a strict CSP and refuses foreign host names and traversal', async () => {
    await setup()
    const ok = await get('/', `127.0.0.1:${handle.port}`)
    expect(ok.status).toBe(200)
    expect(String(ok.headers['content-security-policy'])).toContain("script-src 'self'")
    expect((await get('/', `evil.example:${handle.port}`)).status).toBe(421)
    expect((await get('/../../etc/passwd', `127.0.0.1:${handle.port}`)).status).toBe(404)
  })

  it('answers the contract over the socket only with the token, from our origin', async () => {
    await setup()
    const ws = await connect(`ws://127.0.0.1:${handle.port}/ws?token=${handle.token}`)
    const reply = new Promise<unknown>((resolve) => ws.once('message', (d) => resolve(JSON.parse(String(d)))))
    ws.send(JSON.stringify({ t: 'req', id: 1, channel: 'incident:create', input: { title: 'x', source: 'email', leader: 'A', impact: 'low', urgency: 'low' } }))
    expect(await reply).toMatchObject({ t: 'res', id: 1, result: { ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/^title:/) } } })
    ws.close()
    await expect(connect(`ws://127.0.0.1:${handle.port}/ws?token=wrong`)).rejects.toThrow(/401/)
    const check = (token: string) => fetch(`http://127.0.0.1:${handle.port}/api/session-check`, { headers: { Authorization: `Bearer ${token}` } })
    expect((await check(handle.token)).status).toBe(204)
    expect((await check('wrong')).status).toBe(401)
    await expect(connect(`ws://127.0.0.1:${handle.port}/ws?token=${handle.token}`, { Origin: 'http://evil.example' })).rejects.toThrow(/401/)
  })
})
