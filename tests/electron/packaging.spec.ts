import { test, expect } from '@playwright/test'
import { listPackage } from '@electron/asar'
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { electronDist } from '../support/electron-binary'

const require = createRequire(import.meta.url)
const dist = electronDist()
const ENABLE = 0x31
const DISABLE = 0x30

function findAsar(dir: string): string | undefined {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.name === 'app.asar') return path
    if (entry.isDirectory() && !entry.name.endsWith('.unpacked')) {
      const found = findAsar(path)
      if (found) return found
    }
  }
  return undefined
}

/** The file that carries the fuse wire: the executable, or the .app bundle on macOS. */
function executableOf(resources: string): string {
  if (process.platform === 'darwin') return join(resources, '..', '..')
  return join(resources, '..', process.platform === 'win32' ? 'Virgil.exe' : 'virgil')
}

test.describe('packaged app (electron-builder --dir)', () => {
  test.skip(!dist, 'No Electron binary on this machine (its download host is unreachable here); this spec packages the app wherever `npx electron --version` works.')
  test.setTimeout(300_000)

  test('ships out/ and resources/ only, better-sqlite3 unpacked, the fuses flipped', async () => {
    const output = mkdtempSync(join(tmpdir(), 'virgil-pack-'))
    // No native rebuild here: it rewrites node_modules' better-sqlite3 in place, under the serve-mode
    // specs running alongside. `npm run dist` does it (and restores the Node build).
    const args = ['--dir', `-c.electronDist=${dist}`, `-c.directories.output=${output}`, '-c.npmRebuild=false']
    const env = { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' }
    const run = spawnSync(process.execPath, [require.resolve('electron-builder/cli.js'), ...args], { encoding: 'utf8', env })
    expect(run.status, run.stderr + run.stdout).toBe(0)

    const asar = findAsar(output)
    expect(asar, `no app.asar under ${output}`).toBeDefined()
    const files = listPackage(asar as string, { isPack: false }).map((p) => p.replace(/\\/g, '/'))
    for (const shipped of ['/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/resources/suggest-prior.json', '/node_modules/bindings/package.json']) {
      expect(files, shipped).toContain(shipped)
    }
    for (const top of ['/src', '/tests', '/bench', '/docs', '/.native']) {
      expect(files.filter((f) => f === top || f.startsWith(`${top}/`)), top).toEqual([])
    }
    const resources = dirname(asar as string)
    expect(existsSync(join(resources, 'app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true)

    const wire = await getCurrentFuseWire(executableOf(resources))
    expect(wire[FuseV1Options.RunAsNode]).toBe(DISABLE)
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(DISABLE)
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(DISABLE)
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ENABLE)
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ENABLE)
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ENABLE)
    rmSync(output, { recursive: true, force: true })
  })
})
