import type { EventName, EventPayloads } from '../../shared/contract'
import { createLogger } from './logger'

const logger = createLogger('bus')

export type BusListener = <E extends EventName>(event: E, payload: EventPayloads[E]) => void

/** Events pushed to every connected window (Electron) or socket (serve mode). */
export class EventBus {
  private readonly listeners = new Set<BusListener>()

  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const l of this.listeners) {
      try {
        l(event, payload)
      } catch (err) {
        logger.error('a listener failed', { error: err })
      }
    }
  }

  subscribe(listener: BusListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
