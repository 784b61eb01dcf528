import { ipcMain, type WebContents } from 'electron'
import type { TransportPort } from '../core/transport'

export const INVOKE = 'virgil:invoke'
export const EVENT = 'virgil:event'

/**
 * The only caller of ipcMain.handle: checks the sender is our own window's top frame, then hands
 * the raw input to the core dispatcher, which parses it with the channel's schema.
 */
export function registerIpc(coreFor: (contents: WebContents) => TransportPort, isTrustedSender: (contents: WebContents, frameUrl: string) => boolean): () => void {
  ipcMain.handle(INVOKE, async (event, channel: unknown, input: unknown) => {
    const frame = event.senderFrame
    if (!frame || frame !== event.sender.mainFrame || !isTrustedSender(event.sender, frame.url)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Request from an untrusted frame was refused.' } }
    }
    // A window opened on a portable archive talks to that archive's own read-only core.
    const core = coreFor(event.sender)
    return core.dispatch(channel, input, core.actor())
  })
  return () => ipcMain.removeHandler(INVOKE)
}

