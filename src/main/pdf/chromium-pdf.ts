import { existsSync } from 'node:fs'
import { VirgilError } from '../../shared/errors'

export interface ChromiumPdfOptions {
  /** The browser to drive, e.g. /usr/bin/chromium. */
  executablePath: string
  args?: string[]
  timeoutMs?: number
  /**
   * Keeps the browser (and its page) open this long after a print, so the next report skips the
   * launch: about a second of the cold time. 0 (default) closes it after every print.
   */
  keepWarmMs?: number
}

export type ChromiumPdfPrinter = ((html: string) => Promise<Buffer>) & { close(): Promise<void> }

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync']

type Browser = Awaited<ReturnType<(typeof import('playwright-core'))['chromium']['launch']>>
type Page = Awaited<ReturnType<Browser['newPage']>>

/**
 * Prints an HTML document to PDF with a headless Chromium driven over CDP by Playwright (serve mode,
 * the CLI and tests; the desktop uses Electron's own printToPDF). JavaScript is off for the page:
 * the report has none, and nothing in it may run. Prints run one at a time on one page.
 */
export function chromiumPdfPrinter(opts: ChromiumPdfOptions): ChromiumPdfPrinter {
  const timeout = opts.timeoutMs ?? 30_000
  let warm: Promise<{ browser: Browser; page: Page }> | undefined
  let idle: NodeJS.Timeout | undefined
  let queue: Promise<unknown> = Promise.resolve()

  const open = (): Promise<{ browser: Browser; page: Page }> => {
    warm ??= (async () => {
      const { chromium } = await import('playwright-core')
      const browser = await chromium.launch({ executablePath: opts.executablePath, args: opts.args ?? ARGS, timeout })
      browser.on('disconnected', () => (warm = undefined))
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true })
      const page = await context.newPage()
      // Laid out for print from the start: otherwise Chromium lays the document out for the screen on
      // load and again for paper when printing (measured: page.pdf of a 312-page report 1.9-3.4 s -> 1.0-1.5 s).
      await page.emulateMedia({ media: 'print' })
      return { browser, page }
    })().catch((err: unknown) => {
      warm = undefined
      throw err
    })
    return warm
  }
  const close = async (): Promise<void> => {
    if (idle) clearTimeout(idle)
    idle = undefined
    const w = warm
    warm = undefined
    if (w) await (await w.catch(() => undefined))?.browser.close().catch(() => {})
  }
  const print = async (html: string): Promise<Buffer> => {
    if (!existsSync(opts.executablePath)) {
      throw new VirgilError('NOT_CONFIGURED', `No Chromium at ${opts.executablePath} to print the PDF; install chromium or set CHROMIUM_PATH.`)
    }
    if (idle) clearTimeout(idle)
    try {
      const { page } = await open()
      await page.setContent(html, { waitUntil: 'load', timeout })
      const pdf = await page.pdf({ format: 'A4', printBackground: true, margin: { top: '14mm', bottom: '14mm', left: '12mm', right: '12mm' } })
      await page.setContent('', { timeout }).catch(() => {})
      return pdf
    } finally {
      if (opts.keepWarmMs) {
        idle = setTimeout(() => void close(), opts.keepWarmMs)
        idle.unref()
      } else await close()
    }
  }
  const printer = (html: string): Promise<Buffer> => {
    const job = queue.then(() => print(html))
    queue = job.catch(() => {})
    return job
  }
  return Object.assign(printer, { close })
}

/** CHROMIUM_PATH, else Debian's /usr/bin/chromium when present. */
export function defaultChromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const path = env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  return existsSync(path) ? path : undefined
}
