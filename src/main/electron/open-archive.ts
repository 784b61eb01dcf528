import { dialog, Menu, type BrowserWindow } from 'electron'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createCore, type Core, type CoreOptions } from '../app'
import { createLogger } from '../core/logger'

const log = createLogger('open-archive')

export interface ReviewDeps {
  /** Everything a core needs but its data folder and archive (cipher, version, PDF printer…). */
  base: Omit<CoreOptions, 'dataDir' | 'archiveFile' | 'mode'>
  createWindow(): BrowserWindow
  /** Routes the window's IPC to the archive's core while it is open. */
  attach(win: BrowserWindow, core: Core): void
}

/**
 * "Open archive…" and `--open FILE`: a window of its own on a portable archive, loaded into a
 * scratch folder read-only, exactly as serve mode's `--open FILE`; the analyst's database is untouched.
 */
export function openReviewWindow(file: string, deps: ReviewDeps): void {
  const dataDir = mkdtempSync(join(tmpdir(), 'virgil-review-'))
  let core: Core
  try {
    core = createCore({ ...deps.base, dataDir, archiveFile: resolve(file), mode: 'desktop' })
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true })
    log.warn('the archive could not be opened', { error })
    dialog.showErrorBox('Virgil could not open this archive', `${file} is not a Virgil portable archive, or it is damaged beyond reading: ${error instanceof Error ? error.message : String(error)}`)
    return
  }
  const win = deps.createWindow()
  deps.attach(win, core)
  win.on('closed', () => {
    void core.close().finally(() => rmSync(dataDir, { recursive: true, force: true }))
  })
}

/** The application menu: File › Open archive… (Ctrl+O), plus the standard Edit and Window menus. */
export function installMenu(currentWindow: () => BrowserWindow | undefined, open: (file: string) => void): void {
  const pick = async (): Promise<void> => {
    const win = currentWindow()
    const options = { title: 'Open a portable archive', properties: ['openFile' as const], filters: [{ name: 'Virgil archive', extensions: ['virgil'] }] }
    const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
    const file = picked.filePaths[0]
    if (!picked.canceled && file) open(file)
  }
  const menu = Menu.buildFromTemplate([
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [{ label: 'Open archive…', accelerator: 'CmdOrCtrl+O', click: () => void pick() }, { type: 'separator' }, { role: process.platform === 'darwin' ? 'close' : 'quit' }]
    },
    { role: 'editMenu' },
    { role: 'windowMenu' }
  ])
  Menu.setApplicationMenu(menu)
}
