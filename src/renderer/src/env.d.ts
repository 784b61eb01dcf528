import type { VirgilApi } from '../../shared/api'

declare global {
  interface Window {
    /** Present in Electron (preload bridge); absent in serve mode, where the WebSocket client takes over. */
    virgil?: VirgilApi
  }
}

export {}
