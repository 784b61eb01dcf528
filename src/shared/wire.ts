import { z } from 'zod'

/** Serve mode's WebSocket frames: the same contract as Electron IPC, carried as JSON. */
export const clientFrameSchema = z.object({
  t: z.literal('req'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(64),
  input: z.unknown()
})
export type ClientFrame = z.infer<typeof clientFrameSchema>

export type ServerFrame =
  | { t: 'res'; id: number; result: unknown }
  | { t: 'evt'; event: string; payload: unknown }

/** Path of the WebSocket endpoint; the token rides in the query string (?token=). */
export const WS_PATH = '/ws'
