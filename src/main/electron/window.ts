import { BrowserWindow, session, shell } from 'electron'
import { join } from 'node:path'
import { CSP } from '../../shared/csp'

const DEV_URL = process.env.ELECTRON_RENDERER_URL

/** The one window, with Electron's security checklist applied. */
export function createMainWindow(preloadPath: string, rendererDir: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    backgroundColor: '#0f1216',
    title: 'Virgil',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      spellcheck: false,
      safeDialogs: true
    }
  })
  win.once('ready-to-show', () => win.show())
  // Links the analyst clicks (VirusTotal permalinks, ServiceNow tickets) open in the system browser.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//.test(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  win.webContents.on('will-navigate', (event) => event.preventDefault())
  win.webContents.on('will-redirect', (event) => event.preventDefault())
  win.webContents.on('will-attach-webview', (event) => event.preventDefault())
  if (DEV_URL) void win.loadURL(DEV_URL)
  else void win.loadFile(join(rendererDir, 'index.html'))
  return win
}

/** Deny every permission request (camera, notifications prompts, geolocation, ...); the CSP rides as a response header. */
export function lockDownSession(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } })
  })
}

export function isOurRenderer(frameUrl: string, rendererDir: string): boolean {
  if (DEV_URL) return frameUrl.startsWith(DEV_URL)
  return frameUrl.startsWith('file://') && decodeURIComponent(new URL(frameUrl).pathname).startsWith(rendererDir.replace(/\\/g, '/'))
}
