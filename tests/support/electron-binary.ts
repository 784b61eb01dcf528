import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

/** The installed Electron binary, found without require('electron') (which would try to download one). */
export function electronBinary(): string | undefined {
  try {
    const pkg = dirname(require.resolve('electron/package.json'))
    const pathTxt = join(pkg, 'path.txt')
    if (!existsSync(pathTxt)) return undefined
    const binary = join(pkg, 'dist', readFileSync(pathTxt, 'utf8').trim())
    return existsSync(binary) ? binary : undefined
  } catch {
    return undefined
  }
}

/** Electron's unpacked distribution (what electron-builder's electronDist wants), if there is one. */
export function electronDist(): string | undefined {
  return electronBinary() ? join(dirname(require.resolve('electron/package.json')), 'dist') : undefined
}
