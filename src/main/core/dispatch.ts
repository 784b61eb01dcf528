import type { Channel, ChannelOutput, ParsedInput } from '../../shared/contract'
import { channels, isChannel } from '../../shared/contract'
import { isVirgilError, type Result } from '../../shared/errors'
import type { Authorize } from './access/authorize'
import type { Actor } from './commands/types'
import { createLogger } from './logger'

const log = createLogger('dispatch')

export type Handler<C extends Channel> = (input: ParsedInput<C>, actor: Actor) => Promise<ChannelOutput<C>>
/** A missing handler is a compile error. */
export type Handlers = { [C in Channel]: Handler<C> }

export type Dispatch = (channel: unknown, input: unknown, actor: Actor) => Promise<Result<unknown>>

/** The one entry point both transports call: parse with the channel's schema, authorize, run, return a Result. */
export function createDispatch(handlers: Handlers, authorize?: Authorize): Dispatch {
  return async (channel, input, actor) => {
    if (!isChannel(channel)) return { ok: false, error: { code: 'BAD_INPUT', message: `Unknown request "${String(channel)}".` } }
    const parsed = channels[channel].input.safeParse(input ?? {})
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const field = issue?.path.join('.') || 'input'
      return { ok: false, error: { code: 'BAD_INPUT', message: `${field}: ${issue?.message ?? 'is invalid'}` } }
    }
    try {
      authorize?.(channel, parsed.data as Record<string, unknown>, actor)
      const handler = handlers[channel] as unknown as (i: unknown, a: Actor) => Promise<unknown>
      return { ok: true, value: await handler(parsed.data, actor) }
    } catch (err) {
      if (isVirgilError(err)) return { ok: false, error: err.toInfo() }
      log.error(`${channel} failed`, { error: err })
      return { ok: false, error: { code: 'INTERNAL', message: 'Virgil hit an unexpected error. The details are in the log; nothing was lost.' } }
    }
  }
}
