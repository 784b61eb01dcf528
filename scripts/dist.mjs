// Runs electron-builder (arguments passed through). Its native rebuild turns node_modules' better-sqlite3
// into an Electron build in place, which would break `npm test` and serve mode, so better-sqlite3's
// build/ folder is saved first and put back afterwards, whatever the outcome. The whole folder, not just
// the .node file: @electron/rebuild's .forge-meta marker in it would otherwise make the next dist skip the
// rebuild and ship the Node build.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const buildDir = join(dirname(require.resolve('better-sqlite3/package.json')), 'build')
const saveDir = mkdtempSync(join(tmpdir(), 'virgil-dist-'))
const saved = join(saveDir, 'build')
if (existsSync(buildDir)) cpSync(buildDir, saved, { recursive: true })

// Ctrl+C reaches electron-builder too; this process stays alive long enough to restore the folder.
process.on('SIGINT', () => {})
let run
try {
  run = spawnSync(process.execPath, [require.resolve('electron-builder/cli.js'), ...process.argv.slice(2)], { stdio: 'inherit' })
} finally {
  if (existsSync(saved)) {
    rmSync(buildDir, { recursive: true, force: true })
    cpSync(saved, buildDir, { recursive: true })
  }
  rmSync(saveDir, { recursive: true, force: true })
}
process.exit(run.status ?? 1)
