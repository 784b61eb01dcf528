import type { Locator } from '@playwright/test'

/** Drops files onto an element the way a desktop drag does: a DataTransfer with File objects. */
export async function dropFiles(target: Locator, files: { name: string; bytes: Buffer; mime?: string }[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, base64: f.bytes.toString('base64'), mime: f.mime ?? 'application/octet-stream' }))
  // Runs in the page, where DataTransfer and File exist; this tsconfig has no DOM types.
  interface PageGlobals {
    DataTransfer: new () => { items: { add(file: unknown): void } }
    File: new (parts: unknown[], name: string, options: { type: string }) => unknown
  }
  const dataTransfer = await target.page().evaluateHandle((items) => {
    const g = globalThis as unknown as PageGlobals
    const dt = new g.DataTransfer()
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0))
      dt.items.add(new g.File([bytes], item.name, { type: item.mime }))
    }
    return dt
  }, payload)
  await target.dispatchEvent('dragenter', { dataTransfer })
  await target.dispatchEvent('dragover', { dataTransfer })
  await target.dispatchEvent('drop', { dataTransfer })
}
