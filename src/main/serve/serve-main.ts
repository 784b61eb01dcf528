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
import { startServe } from './serve-server'
import { resolveVaultKey } from './vault-key'

const log = createLogger('serve')

/** `npm run serve -- --data-dir DIR --port N`: the whole app in a browser, no Electron. */
async function main(): Promise<void> {
  installProcessGuards(log)
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
  const core = createCore({
    ...(chromium ? { pdf: chromiumPdfPrinter({ executablePath: chromium }) } : {}),
    dataDir,
    cipher: aesGcmCipher(key),
    mode: 'serve',
    version: process.env.npm_package_version ?? '0.1.0',
    settingsOverrides: settingsOverridesFromEnv(process.env),
    resourcesDir: resolve(import.meta.dirname, '../../resources'),
    ...(process.env.VIRGIL_CHECKPOINT_DIR ? { checkpointDir: resolve(process.env.VIRGIL_CHECKPOINT_DIR) } : {}),
    ...(archiveFile ? { archiveFile } : {}),
    ...unsafeTestSeams(process.env),
    ...uploadLimitFromEnv(process.env)
  })
  const handle = await startServe(core, { port, rendererDir: resolve(import.meta.dirname, '../renderer') })
  terminal.out(`Virgil serving at ${handle.url}`)
  let stopping = false
  const stop = async (): Promise<void> => {
    if (stopping) return
    stopping = true
    try {
      await handle.close()
      await core.close()
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
