import type { Actor } from './commands/types'
import type { Dispatch } from './dispatch'
import type { EventBus } from './event-bus'

/**
 * What a transport (Electron IPC, the serve WebSocket) receives from the core: the one dispatcher,
 * who is acting, and the event stream. Nothing else, so a transport cannot reach past the contract.
 */
export interface TransportPort {
  dispatch: Dispatch
  actor(): Actor
  bus: Pick<EventBus, 'subscribe'>
}
