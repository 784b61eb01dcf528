import type { VirgilApi } from '../../../shared/api'
import type { Channel, ChannelInput, ChannelOutput, EventName, EventPayloads } from '../../../shared/contract'
import type { Result } from '../../../shared/errors'
import type { ServerFrame } from '../../../shared/wire'
import { CLOSE_NOT_UTF8, CLOSE_TOO_BIG, MAX_FRAME_BYTES, sizeWords, utf8Bytes } from '../../../shared/limits'

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'refused'

export interface WsClient extends VirgilApi {
  state(): ConnectionState
  onState(listener: (state: ConnectionState) => void): () => void
  close(): void
}

type Pending = (result: Result<unknown>) => void

const MIN_BACKOFF_MS = 250
const MAX_BACKOFF_MS = 10_000

const disconnected: Result<never> = {
  ok: false,
  error: {
    code: 'UNAVAILABLE',
    service: 'Virgil',
    message: 'The connection dropped before the answer came back. It reconnects by itself; try again in a moment.'
  }
}

const offline: Result<never> = {
  ok: false,
  error: {
    code: 'UNAVAILABLE',
    service: 'Virgil',
    message: 'The connection is down, so nothing was sent. It reconnects by itself; try again in a moment.'
  }
}

/** What a close code the server chose means, for the requests it cut off. */
function closedWith(code: number): Result<never> {
  if (code === CLOSE_TOO_BIG) {
    return { ok: false, error: { code: 'BAD_INPUT', service: 'Virgil', message: `A request was larger than ${sizeWords(MAX_FRAME_BYTES)}, so Virgil refused it and nothing ran. The connection comes back by itself.` } }
  }
  if (code === CLOSE_NOT_UTF8) {
    return { ok: false, error: { code: 'BAD_INPUT', service: 'Virgil', message: 'A request was not valid text, so Virgil refused it and nothing ran. The connection comes back by itself.' } }
  }
  return disconnected
}

/** Serve-mode transport: the same contract as the preload bridge, carried over one WebSocket. */
export function createWsClient(url: string): WsClient {
  let socket: WebSocket | null = null
  let state: ConnectionState = 'connecting'
  let nextId = 1
  let backoffMs = MIN_BACKOFF_MS
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let closed = false
  const pending = new Map<number, Pending>()
  const queued: string[] = []
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const stateListeners = new Set<(state: ConnectionState) => void>()

  const setState = (next: ConnectionState): void => {
    if (next === state) return
    state = next
    for (const l of stateListeners) l(next)
  }

  const failAllPending = (why: Result<never> = disconnected): void => {
    for (const resolve of pending.values()) resolve(why)
    pending.clear()
    queued.length = 0
  }

  const onFrame = (data: unknown): void => {
    if (typeof data !== 'string') return
    let frame: ServerFrame
    try {
      frame = JSON.parse(data) as ServerFrame
    } catch {
      return
    }
    if (frame.t === 'res') {
      const resolve = pending.get(frame.id)
      pending.delete(frame.id)
      resolve?.(frame.result as Result<unknown>)
    } else if (frame.t === 'evt') {
      for (const l of listeners.get(frame.event) ?? []) l(frame.payload)
    }
  }

  /** A refused token will never connect: say so instead of reconnecting forever. */
  const checkToken = async (): Promise<void> => {
    const token = new URL(url).searchParams.get('token') ?? ''
    try {
      const r = await fetch('/api/session-check', { headers: { Authorization: `Bearer ${token}` } })
      if (r.status === 401 && !closed) {
        clearTimeout(retryTimer)
        setState('refused')
      }
    } catch {
      // Server down: keep reconnecting.
    }
  }

  const connect = (): void => {
    const ws = new WebSocket(url)
    socket = ws
    ws.onopen = () => {
      backoffMs = MIN_BACKOFF_MS
      setState('open')
      for (const frame of queued.splice(0)) ws.send(frame)
    }
    ws.onmessage = (e: MessageEvent) => onFrame(e.data)
    ws.onclose = (e: CloseEvent) => {
      socket = null
      failAllPending(closedWith(e.code))
      if (closed) return
      setState('reconnecting')
      const delay = backoffMs + Math.random() * backoffMs * 0.3
      backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS)
      retryTimer = setTimeout(connect, delay)
      void checkToken()
    }
  }

  connect()

  return {
    invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
      const id = nextId++
      const frame = JSON.stringify({ t: 'req', id, channel, input })
      // Only the very first connection queues requests; while reconnecting, fail fast so the analyst knows.
      if (state === 'reconnecting' || closed) return Promise.resolve(offline)
      const bytes = utf8Bytes(frame)
      if (bytes > MAX_FRAME_BYTES) {
        const message = `This request is ${sizeWords(bytes)}; Virgil takes at most ${sizeWords(MAX_FRAME_BYTES)} at a time, so nothing was sent.`
        return Promise.resolve({ ok: false, error: { code: 'BAD_INPUT', message } })
      }
      return new Promise((resolve) => {
        pending.set(id, resolve as Pending)
        if (socket && socket.readyState === WebSocket.OPEN) socket.send(frame)
        else queued.push(frame)
      })
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set)
      const l = listener as (payload: unknown) => void
      set.add(l)
      return () => set.delete(l)
    },
    state: () => state,
    onState(listener) {
      stateListeners.add(listener)
      return () => stateListeners.delete(listener)
    },
    close() {
      closed = true
      clearTimeout(retryTimer)
      socket?.close()
      failAllPending()
    }
  }
}
