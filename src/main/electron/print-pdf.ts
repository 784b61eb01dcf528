import { BrowserWindow } from 'electron'

/**
 * Prints a finished HTML report with Electron's own Chromium: a hidden, sandboxed window with
 * JavaScript off loads the document from a data: URL and printToPDF renders it.
 */
export async function electronPdfPrinter(html: string): Promise<Buffer> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, offscreen: true }
  })
  try {
    await win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`)
    return await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true })
  } finally {
    win.destroy()
  }
}
