// Builds better-sqlite3 for Electron's ABI into .native/, leaving the Node build in node_modules
// for tests and serve mode, so `npm start` and `npm test` never rebuild over each other.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, copyFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'

const require = createRequire(import.meta.url)
const runtime = process.argv[2] ?? 'electron'
if (runtime !== 'electron') {
  console.error('usage: node scripts/native-abi.mjs electron')
  process.exit(2)
}

const { version } = require('electron/package.json')
try {
  // Resolves the binary, downloading it on first use the way Electron 45 does.
  require('electron')
} catch {
  console.error(`Electron ${version} could not be downloaded on this machine (its download host is unreachable).`)
  console.error('Virgil runs the same app in a browser without it: npm run serve')
  process.exit(1)
}
const target = resolve(`.native/electron-${version}/better_sqlite3.node`)
if (existsSync(target)) process.exit(0)

const source = dirname(require.resolve('better-sqlite3/package.json'))
const work = mkdtempSync(join(tmpdir(), 'virgil-native-'))
cpSync(source, work, { recursive: true, filter: (p) => !p.includes(`${source}/build`) })
console.log(`Building better-sqlite3 for Electron ${version} (one time)…`)
const gyp = spawnSync(
  'npx',
  ['--yes', 'node-gyp', 'rebuild', '--release', `--target=${version}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
  { cwd: work, stdio: 'inherit' }
)
if (gyp.status !== 0) {
  console.error('Could not build better-sqlite3 for Electron (it needs Electron\'s headers from electronjs.org and a C++ toolchain).')
  console.error('The browser mode works without it: npm run serve')
  process.exit(1)
}
mkdirSync(dirname(target), { recursive: true })
copyFileSync(join(work, 'build/Release/better_sqlite3.node'), target)
rmSync(work, { recursive: true, force: true })
console.log(`Built ${target}`)
