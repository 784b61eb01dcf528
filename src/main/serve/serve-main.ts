import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { createCore } from '../app'
import { settingsOverridesFromEnv, uploadLimitFromEnv } from '../env-overrides'
import { aesGcmCipher } from '../core/vault/vault'
import { createLogger, logToFile, terminal } from '../core/logger'
import { installProcessGuards } from '../core/process-guard'
import { chromiumPdfPrinter, defaultChromiumPath } from '../pdf/chromium-pdf'
import { createRestarter } from './restarter'
import { startServe } from './serve-server'
import { resolveVaultKey } from './vault-key'

const log = createLogger('serve')

/** `npm run serve -- --data-dir DIR --port N`: the whole app in a browser, no Electron. */
async function main(): Promise<void> {
  // Until the core is up, a fault is logged; from then on it restarts the core (below).
  const unguard = installProcessGuards(log)
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string', default: process.env.VIRGIL_DATA_DIR ?? '.virgil-data' },
      port: { type: 'string' },
      'vault-key-file': { type: 'string' },
      open: { type: 'string' }
    },
    strict: true
  })
  const archiveFile = values.open ? resolve(values.open) : undefined
  // An archive opens in a scratch folder: the file itself is never written to.
  const dataDir = archiveFile ? mkdtempSync(join(tmpdir(), 'virgil-review-')) : resolve(values['data-dir'] as string)
  logToFile(dataDir)
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${values.port}".`)
  const { key } = resolveVaultKey(dataDir, process.env, values['vault-key-file'])
  const chromium = defaultChromiumPath()
  // Warm for a minute after a report: the next one skips Chromium's launch.
  const printer = chromium ? chromiumPdfPrinter({ executablePath: chromium, keepWarmMs: 60_000 }) : undefined
  const openCore = () =>
    createCore({
      ...(printer ? { pdf: printer } : {}),
      dataDir,
      cipher: aesGcmCipher(key),
      mode: 'serve',
      version: process.env.npm_package_version ?? '0.1.0',
      settingsOverrides: settingsOverridesFromEnv(process.env),
      resourcesDir: resolve(import.meta.dirname, '../../resources'),
      ...(process.env.VIRGIL_CHECKPOINT_DIR ? { checkpointDir: resolve(process.env.VIRGIL_CHECKPOINT_DIR) } : {}),
      ...(archiveFile ? { archiveFile } : {}),
      ...unsafeTestSeams(process.env),
      ...uploadLimitFromEnv(process.env),
      ...(process.env.VIRGIL_IDENTITY_NAME && process.env.VIRGIL_IDENTITY_HANDLE
        ? { identity: { name: process.env.VIRGIL_IDENTITY_NAME, handle: process.env.VIRGIL_IDENTITY_HANDLE } }
        : {})
    })
  const rendererDir = resolve(import.meta.dirname, '../renderer')
  let core = openCore()
  let handle = await startServe(core, { port, rendererDir })
  terminal.out(`Virgil serving at ${handle.url}`)
  // After an uncaught exception: close the core (every acknowledged event is committed) and open it
  // again on the same port and token, so open pages reconnect to the same link.
  const restarter = createRestarter({
    log,
    exit: (code) => process.exit(code),
    async restart() {
      const { port: samePort, token } = handle
      await handle.close()
      await core.close()
      core = openCore()
      handle = await startServe(core, { port: samePort, token, rendererDir })
    }
  })
  unguard()
  installProcessGuards(log, process, { onUnknownState: (err) => restarter.request(err) })
  faultSeam(process.env)
  let stopping = false
  const stop = async (): Promise<void> => {
    if (stopping) return
    stopping = true
    try {
      await restarter.idle()
      await handle.close()
      await core.close()
      await printer?.close()
    } catch (err) {
      log.error('shutting down did not finish cleanly', { error: err })
    }
    process.exit(0)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
}

/** The crash harness's negative control (tests/crash): never set outside tests. */
function unsafeTestSeams(env: NodeJS.ProcessEnv): { unsafeDeferCommitMs?: number } {
  const ms = Number(env.VIRGIL_TEST_UNSAFE_DEFER_COMMIT_MS ?? 0)
  if (!ms) return {}
  log.warn('TEST SEAM ON: writes are acknowledged before they are committed; a crash loses them', { ms })
  return { unsafeDeferCommitMs: ms }
}

/** The restart test's trigger (tests/crash): SIGUSR2 throws an uncaught exception. Never set outside tests. */
function faultSeam(env: NodeJS.ProcessEnv): void {
  if (env.VIRGIL_TEST_FAULT_ON_SIGUSR2 !== '1') return
  log.warn('TEST SEAM ON: SIGUSR2 throws an uncaught exception')
  process.on('SIGUSR2', () => {
    setImmediate(() => {
      throw new Error('test seam: an injected fault nobody handles')
    })
  })
}

main().catch((err: unknown) => {
  const code = (err as { code?: string }).code
  const why =
    code === 'EADDRINUSE'
      ? 'that port is already in use; pick another with --port, or leave --port out to take a free one.'
      : err instanceof Error
        ? err.message
        : String(err)
  terminal.err(`Virgil could not start: ${why}`)
  process.exit(1)
})
