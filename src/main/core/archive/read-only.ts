import type { Channel } from '../../../shared/contract'
import type { OpenedArchive } from '../../../shared/domain'
import { VirgilError } from '../../../shared/errors'
import type { Handlers } from '../dispatch'

/** What a reviewer may still do with an archive: read it. Re-sealing it would launder a tampered file. */
const WRITES: readonly Channel[] = [
  'incident:create',
  'incident:update',
  'incident:reopen',
  'chat:send',
  'message:mark',
  'command:confirm',
  'settings:update',
  'secret:set',
  'archive:export',
  'suggest:dismiss',
  'upload:begin',
  'upload:chunk',
  'upload:finish',
  'upload:abort',
  'identity:set',
  'roster:set',
  'incident:restrict'
]

export function readOnlyDispatch(handlers: Handlers, opened: OpenedArchive): Handlers {
  const refuse = async (): Promise<never> => {
    throw new VirgilError('FORBIDDEN', `This window shows the archive ${opened.file} read-only: nothing in it can be changed or re-sealed.`)
  }
  const out = { ...handlers } as Record<Channel, unknown>
  for (const channel of WRITES) out[channel] = refuse
  return out as Handlers
}
