import { existsSync } from 'node:fs'
import { VirgilError } from '../../shared/errors'

export interface ChromiumPdfOptions {
  /** The browser to drive, e.g. /usr/bin/chromium. */
  executablePath: string
  args?: string[]
  timeoutMs?: number
}

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/**
 * Prints an HTML document to PDF with a headless Chromium driven over CDP by Playwright (serve mode,
 * the CLI and tests; the desktop uses Electron's own printToPDF). JavaScript is off for the page:
 * the report has none, and nothing in it may run.
 */
export function chromiumPdfPrinter(opts: ChromiumPdfOptions): (html: string) => Promise<Buffer> {
  return async (html) => {
    if (!existsSync(opts.executablePath)) {
      throw new VirgilError('NOT_CONFIGURED', `No Chromium at ${opts.executablePath} to print the PDF; install chromium or set CHROMIUM_PATH.`)
    }
    const { chromium } = await import('playwright-core')
    const browser = await chromium.launch({ executablePath: opts.executablePath, args: opts.args ?? ARGS, timeout: opts.timeoutMs ?? 30_000 })
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true })
      const page = await context.newPage()
      await page.setContent(html, { waitUntil: 'load', timeout: opts.timeoutMs ?? 30_000 })
      return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '14mm', bottom: '14mm', left: '12mm', right: '12mm' } })
    } finally {
      await browser.close()
    }
  }
}

/** CHROMIUM_PATH, else Debian's /usr/bin/chromium when present. */
export function defaultChromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const path = env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  return existsSync(path) ? path : undefined
}
