import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import { startServe, type ServeHandle } from '../../../src/main/serve/serve-server'
import { makeCore, type TestCore } from '../core/make-core'
import type { CoreOptions } from '../../../src/main/app'

export interface WsRig {
  t: TestCore
  handle: ServeHandle
  url: string
  dispose(): Promise<void>
}

/** A real core behind the real serve transport, on a temp data dir. */
export async function startWsRig(extra: Partial<CoreOptions> = {}): Promise<WsRig> {
  const t = makeCore(extra)
  const rendererDir = mkdtempSync(join(tmpdir(), 'virgil-renderer-'))
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Virgil</title>')
  const handle = await startServe(t.core, { rendererDir })
  return {
    t,
    handle,
    url: `ws://127.0.0.1:${handle.port}/ws?token=${handle.token}`,
    async dispose() {
      await handle.close()
      await t.dispose()
      rmSync(rendererDir, { recursive: true, force: true })
    }
  }
}

export interface Page {
  ws: WebSocket
  /** The next answer frame, parsed. */
  next(): Promise<{ t: string; id: number; result: { ok: boolean; value?: unknown; error?: { code: string; message: string } } }>
  ask(channel: string, input: unknown, id?: number): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>
  closed: Promise<{ code: number; reason: string }>
}

export function openPage(url: string): Promise<Page> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url)
    const frames: string[] = []
    const waiting: ((f: string) => void)[] = []
    ws.on('message', (d, isBinary) => {
      if (isBinary) return
      const text = String(d)
      if ((JSON.parse(text) as { t: string }).t !== 'res') return
      const w = waiting.shift()
      if (w) w(text)
      else frames.push(text)
    })
    const closed = new Promise<{ code: number; reason: string }>((r) => ws.once('close', (code, reason) => r({ code, reason: String(reason) })))
    ws.on('error', () => undefined)
    let seq = 1_000_000
    const page: Page = {
      ws,
      closed,
      next: () =>
        new Promise((r) => {
          const f = frames.shift()
          if (f) r(JSON.parse(f))
          else waiting.push((x) => r(JSON.parse(x)))
        }),
      async ask(channel, input, id = seq++) {
        ws.send(JSON.stringify({ t: 'req', id, channel, input }))
        for (;;) {
          const f = await page.next()
          if (f.id === id) return f.result
        }
      }
    }
    ws.once('open', () => resolve(page))
    ws.once('unexpected-response', (_q, res) => reject(new Error(`HTTP ${res.statusCode}`)))
  })
}
