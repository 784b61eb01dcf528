import { test, expect, _electron as electron } from '@playwright/test'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { electronBinary } from '../support/electron-binary'

const binary = electronBinary()

test.describe('desktop app (Electron)', () => {
  test.skip(!binary, 'No Electron binary on this machine (its download host is unreachable here); this spec runs wherever `npx electron --version` works.')

  test('opens the war room with the security checklist applied', async () => {
    const app = await electron.launch({
      executablePath: binary,
      args: [resolve('out/main/index.js')],
      env: { ...process.env, VIRGIL_DATA_DIR: mkdtempSync(join(tmpdir(), 'virgil-electron-')) } as Record<string, string>
    })
    const page = await app.firstWindow()
    await expect(page.getByTestId('new-incident')).toBeVisible()
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const wc = BrowserWindow.getAllWindows()[0]?.webContents
      const p = (wc as unknown as { getLastWebPreferences(): Record<string, unknown> }).getLastWebPreferences()
      return { contextIsolation: p.contextIsolation, sandbox: p.sandbox, nodeIntegration: p.nodeIntegration }
    })
    expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false })
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
    expect(await page.evaluate(() => Object.keys((globalThis as unknown as { virgil: object }).virgil).sort())).toEqual(['invoke', 'on'])
    await app.close()
  })
})
