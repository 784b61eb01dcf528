import { z } from 'zod'

/** The metadata event type Virgil stamps on every post, so retries and echoes can be recognised. */
export const VIRGIL_EVENT_TYPE = 'virgil_event'

export const slackMessageSchema = z.looseObject({
  type: z.string().optional(),
  subtype: z.string().optional(),
  ts: z.string(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  text: z.string().optional(),
  thread_ts: z.string().optional(),
  edited: z.object({ user: z.string().optional(), ts: z.string() }).optional(),
  metadata: z
    .object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()).optional() })
    .optional(),
  files: z.array(z.looseObject({ id: z.string(), name: z.string().optional(), title: z.string().optional() })).optional()
})

export type SlackMessage = z.infer<typeof slackMessageSchema>

export const historyPageSchema = z.object({
  messages: z.array(slackMessageSchema),
  has_more: z.boolean().optional(),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional()
})

/** The idempotency key Virgil stamped on a message, if it is one of ours. */
export function virgilKeyOf(message: SlackMessage): string | undefined {
  if (message.metadata?.event_type !== VIRGIL_EVENT_TYPE) return undefined
  const key = message.metadata.event_payload?.['key']
  return typeof key === 'string' ? key : undefined
}

/** Slack timestamps ("1712345678.123456") for a wall-clock time, e.g. when an outbox item was first tried. */
export function slackTsFromMs(ms: number): string {
  const seconds = Math.floor(ms / 1000)
  const micros = Math.floor((ms % 1000) * 1000)
  return `${seconds}.${String(micros).padStart(6, '0')}`
}

/** Orders Slack timestamps numerically without losing microseconds to floating point. */
export function compareTs(a: string, b: string): number {
  const [aSec = '0', aMicro = '0'] = a.split('.')
  const [bSec = '0', bMicro = '0'] = b.split('.')
  const bySeconds = Number(aSec) - Number(bSec)
  return bySeconds !== 0 ? Math.sign(bySeconds) : Math.sign(Number(aMicro.padEnd(6, '0')) - Number(bMicro.padEnd(6, '0')))
}
