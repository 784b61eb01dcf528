import type { App, BrowserWindow } from 'electron'

/** The part of Electron's app this needs (tests pass a stand-in with these three). */
export type LockingApp = Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>

/**
 * One Virgil per user: a second launch brings the running window forward and quits. Returns false
 * in that second process, which must not boot (two cores would drain the same outbox twice).
 * The running one gets the second launch's command line (`--open FILE`) through `onArgv`.
 */
export function claimSingleInstance(app: LockingApp, currentWindow: () => BrowserWindow | undefined, onArgv?: (argv: string[]) => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return false
  }
  app.on('second-instance', (_event, argv) => {
    // `virgil --open FILE` while Virgil runs: the running one opens the archive.
    if (Array.isArray(argv)) onArgv?.(argv)
    const win = currentWindow()
    if (!win || win.isDestroyed()) return
    if (win.isMinimized()) win.restore()
    win.show()
    win.focus()
  })
  return true
}
