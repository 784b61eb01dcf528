import type { Channel, ChannelInput, ChannelOutput, EventName, EventPayloads } from './contract'
import type { Result } from './errors'

/** What the renderer sees, whichever transport carries it (preload bridge or serve WebSocket). */
export interface VirgilApi {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void
}
