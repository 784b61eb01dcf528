import { test, expect } from '@playwright/test'
import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { Bundle, objectIn, returnsOf } from './support/bundle-reader'
import { removeDataDir, startServe, type ServeProcess } from './support/serve-process'

/** Electron's security checklist, read from the built main bundle (what ships), not from the source. */
test.describe('Electron security checklist in out/main/index.js', () => {
  const bundle = new Bundle(resolve('out/main/index.js'))

  test('every BrowserWindow: sandbox, contextIsolation, no nodeIntegration, webSecurity left on', () => {
    const windows = bundle.constructed('BrowserWindow')
    expect(windows.length).toBeGreaterThan(0)
    for (const options of windows) {
      const prefs = objectIn(options.webPreferences ?? '{}')
      expect(prefs.sandbox).toBe('true')
      expect(prefs.contextIsolation).toBe('true')
      expect(prefs.nodeIntegration).toBe('false')
      expect(prefs.nodeIntegrationInWorker ?? 'false').toBe('false')
      expect(prefs.webviewTag ?? 'false').toBe('false')
      expect(prefs.webSecurity ?? 'true').toBe('true')
      expect(prefs.allowRunningInsecureContent ?? 'false').toBe('false')
      expect(prefs.experimentalFeatures ?? 'false').toBe('false')
    }
    expect(bundle.calls('enableSandbox').length).toBe(1)
  })

  test('navigation is prevented and every window.open is denied', () => {
    const navigations = bundle.listeners('will-navigate')
    expect(navigations.length).toBeGreaterThanOrEqual(2)
    for (const handler of navigations) expect(bundle.source(handler)).toMatch(/\.preventDefault\(\)/)
    const openers = bundle.calls('setWindowOpenHandler')
    expect(openers.length).toBeGreaterThanOrEqual(2)
    for (const call of openers) {
      const returns = returnsOf(call.arguments[0]!)
      expect(returns.length).toBeGreaterThan(0)
      for (const r of returns) expect(objectIn(r).action).toBe('"deny"')
    }
  })

  test('permissions are denied, IPC checks the sender frame, and the CSP rides as a response header', () => {
    const requests = bundle.calls('setPermissionRequestHandler')
    expect(requests).toHaveLength(1)
    expect(bundle.source(requests[0]!.arguments[0]!)).toMatch(/callback\(false\)\s*\)?$/)
    const checks = bundle.calls('setPermissionCheckHandler')
    expect(checks).toHaveLength(1)
    expect(returnsOf(checks[0]!.arguments[0]!)).toEqual(['false'])
    const handles = bundle.calls('handle').filter((c) => bundle.source(c.expression).startsWith('ipcMain'))
    expect(handles).toHaveLength(1)
    const ipc = bundle.source(handles[0]!.arguments[1]!)
    expect(ipc).toMatch(/senderFrame/)
    expect(ipc).toMatch(/mainFrame/)
    expect(ipc).toMatch(/FORBIDDEN/)
    const headers = bundle.calls('onHeadersReceived')
    expect(headers).toHaveLength(1)
    expect(bundle.source(headers[0]!.arguments[0]!)).toMatch(/"Content-Security-Policy"/)
    // The policy string itself lives in the chunk shared with serve mode.
    const shipped = readdirSync(resolve('out/main'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'))
    expect(shipped.some((f) => /frame-ancestors 'none'/.test(readFileSync(resolve('out/main', f), 'utf8')))).toBe(true)
  })

  test("the page's meta CSP leaves frame-ancestors to the header", () => {
    const html = readFileSync(resolve('out/renderer/index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? ''
    expect(meta).toMatch(/script-src 'self'/)
    expect(meta).not.toMatch(/frame-ancestors/)
  })
})

test.describe('serve mode page', () => {
  let serve: ServeProcess
  test.beforeEach(async () => {
    serve = await startServe()
  })
  test.afterEach(async () => {
    await serve.stop()
    removeDataDir(serve.dataDir)
  })

  test('loads with the CSP as a header and zero console errors or warnings', async ({ page }) => {
    const problems: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`)
    })
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`)
    })
    const response = await page.goto(serve.url)
    expect(response?.headers()['content-security-policy']).toMatch(/frame-ancestors 'none'/)
    await expect(page.getByTestId('new-incident')).toBeVisible()
    await page.waitForLoadState('networkidle')
    expect(problems).toEqual([])
  })
})
