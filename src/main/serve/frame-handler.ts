import type { RawData, WebSocket } from 'ws'
import { clientFrameSchema, type ServerFrame } from '../../shared/wire'
import type { ErrorInfo, Result } from '../../shared/errors'
import type { TransportPort } from '../core/transport'
import type { Logger } from '../core/logger'

const refused = (id: number, error: ErrorInfo): ServerFrame => ({ t: 'res', id, result: { ok: false, error } satisfies Result<never> })

/** The id a frame names, even when the rest of it is wrong; -1 when it names none. */
export function frameId(value: unknown): number {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, 'id')) return -1
  const id = (value as { id: unknown }).id
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : -1
}

/**
 * One connected page: every frame is answered (a frame that names an id gets that id back), and
 * no frame, however broken, can throw out of here. Socket faults are logged, never fatal.
 */
export function attachFrameHandler(ws: WebSocket, core: TransportPort, log: Logger): void {
  const send = (frame: ServerFrame): void => {
    if (ws.readyState !== ws.OPEN) return
    ws.send(JSON.stringify(frame), (err) => {
      if (err) log.debug('answer not delivered: the page went away', { error: err.message })
    })
  }

  ws.on('error', (err: Error & { code?: string }) => {
    // ws has already closed the socket with the right code (1009 too big, 1007 not UTF-8, 1002 protocol).
    log.warn('page connection refused a frame', { code: err.code, reason: err.message })
  })

  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) {
      send(refused(-1, { code: 'BAD_INPUT', message: 'Virgil reads text frames only; a binary frame was ignored.' }))
      return
    }
    let json: unknown
    try {
      json = JSON.parse(rawText(data))
    } catch {
      send(refused(-1, { code: 'BAD_INPUT', message: 'A request was not valid JSON, so it could not be matched to a question; it was ignored.' }))
      return
    }
    const id = frameId(json)
    const parsed = clientFrameSchema.safeParse(json)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const field = issue?.path.join('.') || 'frame'
      send(refused(id, { code: 'BAD_INPUT', message: `Malformed request frame: ${field} ${issue?.message ?? 'is invalid'}.` }))
      return
    }
    const frame = parsed.data
    core
      .dispatch(frame.channel, frame.input, core.actor())
      .then((result) => send({ t: 'res', id: frame.id, result }))
      .catch((err: unknown) => {
        log.error('request failed outside the dispatcher', { channel: frame.channel, error: err })
        send(refused(frame.id, { code: 'INTERNAL', message: 'Virgil hit an unexpected error. The details are in the log; nothing was lost.' }))
      })
  })
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  return Buffer.from(data as ArrayBuffer).toString('utf8')
}
