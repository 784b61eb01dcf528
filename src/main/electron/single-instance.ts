import type { App, BrowserWindow } from 'electron'

/** The part of Electron's app this needs (tests pass a stand-in with these three). */
export type LockingApp = Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>

/**
 * One Virgil per user: a second launch brings the running window forward and quits. Returns false
 * in that second process, which must not boot (two cores would drain the same outbox twice).
 */
export function claimSingleInstance(app: LockingApp, currentWindow: () => BrowserWindow | undefined): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return false
  }
  app.on('second-instance', () => {
    const win = currentWindow()
    if (!win || win.isDestroyed()) return
    if (win.isMinimized()) win.restore()
    win.show()
    win.focus()
  })
  return true
}
