import { describe, expect, it } from 'vitest'
import type { BrowserWindow } from 'electron'
import { claimSingleInstance, type LockingApp } from '../../../src/main/electron/single-instance'

function fakeApp(gotLock: boolean) {
  const handlers = new Map<string, (event?: unknown, argv?: string[]) => void>()
  const app = {
    quitCalls: 0,
    requestSingleInstanceLock: () => gotLock,
    quit() {
      app.quitCalls++
    },
    on(event: string, handler: (event?: unknown, argv?: string[]) => void) {
      handlers.set(event, handler)
      return app
    }
  }
  return { app, locking: app as unknown as LockingApp, secondLaunch: (argv?: string[]) => handlers.get('second-instance')?.({}, argv) }
}

function fakeWindow(state: { minimized?: boolean; destroyed?: boolean }) {
  const calls: string[] = []
  const win = {
    isDestroyed: () => state.destroyed ?? false,
    isMinimized: () => state.minimized ?? false,
    restore: () => calls.push('restore'),
    show: () => calls.push('show'),
    focus: () => calls.push('focus')
  }
  return { win: win as unknown as BrowserWindow, calls }
}

describe('single-instance lock', () => {
  it('a second process quits without booting', () => {
    const { app, locking } = fakeApp(false)
    expect(claimSingleInstance(locking, () => undefined)).toBe(false)
    expect(app.quitCalls).toBe(1)
  })

  it('the running one restores and focuses its window when launched again', () => {
    const { app, locking, secondLaunch } = fakeApp(true)
    const { win, calls } = fakeWindow({ minimized: true })
    expect(claimSingleInstance(locking, () => win)).toBe(true)
    expect(app.quitCalls).toBe(0)
    secondLaunch()
    expect(calls).toEqual(['restore', 'show', 'focus'])
  })

  it('a launch before the window exists, or after it closed, is ignored', () => {
    const { locking, secondLaunch } = fakeApp(true)
    const current: { win?: BrowserWindow } = {}
    claimSingleInstance(locking, () => current.win)
    expect(() => secondLaunch()).not.toThrow()
    const { win, calls } = fakeWindow({ destroyed: true })
    current.win = win
    secondLaunch()
    expect(calls).toEqual([])
  })

  it('hands the second launch its command line, so `virgil --open FILE` reaches the running one', () => {
    const { locking, secondLaunch } = fakeApp(true)
    const seen: string[][] = []
    claimSingleInstance(locking, () => undefined, (argv) => seen.push(argv))
    secondLaunch(['virgil', '--open', '/tmp/INC0000001.virgil'])
    expect(seen).toEqual([['virgil', '--open', '/tmp/INC0000001.virgil']])
  })
})
