import type { IncomingMessage } from 'node:http'

export type BodyResult = { ok: true; raw: Buffer } | { ok: false; status: 408 | 413 }

/** Reads a request body up to `limit` bytes within `timeoutMs`; stops reading at the first breach. */
export function readBody(req: IncomingMessage, limit: number, timeoutMs: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ ok: false, status: 413 })
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    const finish = (result: BodyResult): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
      if (!result.ok) req.pause()
      resolve(result)
    }
    const timer = setTimeout(() => finish({ ok: false, status: 408 }), timeoutMs)
    const onData = (chunk: Buffer): void => {
      size += chunk.length
      if (size > limit) return finish({ ok: false, status: 413 })
      chunks.push(chunk)
    }
    const onEnd = (): void => finish({ ok: true, raw: Buffer.concat(chunks) })
    const onError = (): void => finish({ ok: false, status: 408 })
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
  })
}
