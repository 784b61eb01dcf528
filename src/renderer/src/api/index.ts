import type { VirgilApi } from '../../../shared/api'
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract'
import type { Result } from '../../../shared/errors'
import { WS_PATH } from '../../../shared/wire'
import { takeServeToken } from './token'
import { createWsClient, type ConnectionState, type WsClient } from './ws-client'

export type { ConnectionState } from './ws-client'

let api: VirgilApi | null = null
let ws: WsClient | null = null

export function isServeMode(): boolean {
  return !window.virgil
}

/** The preload bridge in Electron; otherwise the serve-mode WebSocket, created once. */
export function getApi(): VirgilApi {
  if (api) return api
  if (window.virgil) {
    api = window.virgil
    return api
  }
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  const token = encodeURIComponent(takeServeToken())
  ws = createWsClient(`${scheme}://${location.host}${WS_PATH}?token=${token}`)
  api = ws
  return api
}

export function connectionState(): ConnectionState {
  getApi()
  return ws ? ws.state() : 'open'
}

export function onConnectionState(listener: (state: ConnectionState) => void): () => void {
  getApi()
  return ws ? ws.onState(listener) : () => undefined
}

/** invoke that never throws: a transport failure becomes an INTERNAL Result like any other error. */
export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  try {
    return await getApi().invoke(channel, input)
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    return { ok: false, error: { code: 'INTERNAL', message: `Virgil could not complete "${channel}": ${message}` } }
  }
}
