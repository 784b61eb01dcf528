import { app, BrowserWindow, Notification } from 'electron'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { createCore, type Core } from '../app'
import { settingsOverridesFromEnv, uploadLimitFromEnv } from '../env-overrides'
import { registerIpc, EVENT } from './ipc'
import { createMainWindow, isOurRenderer, lockDownSession } from './window'
import { safeStorageCipher } from './safe-storage-cipher'
import { claimSingleInstance } from './single-instance'
import { createLogger, logToFile } from '../core/logger'
import { installProcessGuards } from '../core/process-guard'
import { electronPdfPrinter } from './print-pdf'
import { installMenu, openReviewWindow } from './open-archive'
import { archiveArg } from './archive-arg'

const here = import.meta.dirname
const rendererDir = join(here, '../renderer')
const preloadPath = join(here, '../preload/index.cjs')

const log = createLogger('desktop')
installProcessGuards(log)
app.enableSandbox()
let openArchive: ((file: string) => void) | undefined
const isPrimary = claimSingleInstance(app, () => BrowserWindow.getAllWindows()[0], (argv) => {
  const file = archiveArg(argv)
  if (file) openArchive?.(file)
})
/** Windows showing a portable archive, each with its own read-only core. */
const reviews = new Map<number, Core>()

let core: Core | undefined

/** better-sqlite3 built for Electron's ABI by scripts/native-abi.mjs (the Node build serves tests). */
function nativeBinding(): { nativeBinding?: string } {
  const path = process.env.VIRGIL_NATIVE_BINDING ?? join(app.getAppPath(), '.native', `electron-${process.versions.electron}`, 'better_sqlite3.node')
  return existsSync(path) ? { nativeBinding: path } : {}
}

async function boot(): Promise<void> {
  await app.whenReady()
  lockDownSession()
  const dataDir = process.env.VIRGIL_DATA_DIR ?? join(app.getPath('userData'), 'data')
  logToFile(dataDir)
  core = createCore({
    dataDir,
    cipher: safeStorageCipher(),
    mode: 'desktop',
    version: app.getVersion(),
    ...nativeBinding(),
    settingsOverrides: settingsOverridesFromEnv(process.env),
    resourcesDir: join(app.getAppPath(), 'resources'),
    pdf: electronPdfPrinter,
    ...uploadLimitFromEnv(process.env)
  })
  const c = core
  registerIpc((contents) => reviews.get(contents.id) ?? c, (_contents, url) => isOurRenderer(url, rendererDir))
  const win = createMainWindow(preloadPath, rendererDir)
  openArchive = (file: string): void =>
    openReviewWindow(file, {
      base: { cipher: safeStorageCipher(), version: app.getVersion(), ...nativeBinding(), resourcesDir: join(app.getAppPath(), 'resources'), pdf: electronPdfPrinter },
      createWindow: () => createMainWindow(preloadPath, rendererDir),
      attach: (w, review) => {
        const id = w.webContents.id
        reviews.set(id, review)
        const off = review.bus.subscribe((event, payload) => {
          if (!w.isDestroyed()) w.webContents.send(EVENT, event, payload)
        })
        w.on('closed', () => {
          off()
          reviews.delete(id)
        })
      }
    })
  installMenu(() => BrowserWindow.getFocusedWindow() ?? win, openArchive)
  // `virgil --open FILE` opens that archive beside the analyst's own window.
  const launchFile = archiveArg(process.argv)
  if (launchFile) openArchive(launchFile)
  c.bus.subscribe((event, payload) => {
    if (!win.isDestroyed()) win.webContents.send(EVENT, event, payload)
    if (event === 'alert:raised' && Notification.isSupported()) {
      const p = payload as { incidentId: string; number: string; title: string; priority: string; body: string }
      const n = new Notification({ title: `${p.priority} · ${p.number} ${p.title}`, body: p.body })
      n.on('click', () => {
        win.show()
        win.webContents.send(EVENT, 'alert:raised', { ...p, open: true })
      })
      n.show()
    }
  })
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (e) => e.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
})

app.on('window-all-closed', () => app.quit())
// Quitting waits for the core to flush and close (outbox in flight, sockets, checkpoint, database).
let quitting: 'no' | 'closing' | 'closed' = 'no'
app.on('before-quit', (event) => {
  if (quitting === 'closed' || !core) return
  event.preventDefault()
  if (quitting === 'closing') return
  quitting = 'closing'
  void core
    .close()
    .catch((err: unknown) => log.error('shutting down did not finish cleanly', { error: err }))
    .finally(() => {
      quitting = 'closed'
      app.quit()
    })
})
app.on('activate', () => {
  if (BrowserWindow.getAllWindows().length === 0 && core) createMainWindow(preloadPath, rendererDir)
})

if (isPrimary) {
  boot().catch((err: unknown) => {
    log.error('Virgil could not start', { error: err })
    app.exit(1)
  })
}
