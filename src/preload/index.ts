import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { isChannel, isEventName } from '../shared/channel-names'

const INVOKE = 'virgil:invoke'
const EVENT = 'virgil:event'

/** Exactly invoke(channel, input) and on(event, cb) for names in the contract; nothing else. */
contextBridge.exposeInMainWorld('virgil', {
  invoke(channel: unknown, input: unknown) {
    if (!isChannel(channel)) return Promise.resolve({ ok: false, error: { code: 'BAD_INPUT', message: `Unknown request "${String(channel)}".` } })
    return ipcRenderer.invoke(INVOKE, channel, input)
  },
  on(event: unknown, listener: (payload: unknown) => void) {
    if (!isEventName(event) || typeof listener !== 'function') return () => {}
    const wrapped = (_e: IpcRendererEvent, name: string, payload: unknown): void => {
      if (name === event) listener(payload)
    }
    ipcRenderer.on(EVENT, wrapped)
    return () => ipcRenderer.removeListener(EVENT, wrapped)
  }
})
