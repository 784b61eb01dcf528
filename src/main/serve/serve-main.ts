import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { createCore } from '../app'
import { settingsOverridesFromEnv, uploadLimitFromEnv } from '../env-overrides'
import { aesGcmCipher } from '../core/vault/vault'
import { startServe } from './serve-server'
import { resolveVaultKey } from './vault-key'

/** `npm run serve -- --data-dir DIR --port N`: the whole app in a browser, no Electron. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string', default: process.env.VIRGIL_DATA_DIR ?? '.virgil-data' },
      port: { type: 'string' },
      'vault-key-file': { type: 'string' }
    },
    strict: true
  })
  const dataDir = resolve(values['data-dir'] as string)
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${values.port}".`)
  const { key } = resolveVaultKey(dataDir, process.env, values['vault-key-file'])
  const core = createCore({
    dataDir,
    cipher: aesGcmCipher(key),
    mode: 'serve',
    version: process.env.npm_package_version ?? '0.1.0',
    settingsOverrides: settingsOverridesFromEnv(process.env),
    ...uploadLimitFromEnv(process.env),
    resourcesDir: resolve(import.meta.dirname, '../../resources')
  })
  const handle = await startServe(core, { port, rendererDir: resolve(import.meta.dirname, '../renderer') })
  console.log(`Virgil serving at ${handle.url}`)
  let stopping = false
  const stop = async (): Promise<void> => {
    if (stopping) return
    stopping = true
    await handle.close()
    await core.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
}

main().catch((err: unknown) => {
  const code = (err as { code?: string }).code
  const why =
    code === 'EADDRINUSE'
      ? 'that port is already in use; pick another with --port, or leave --port out to take a free one.'
      : err instanceof Error
        ? err.message
        : String(err)
  console.error(`Virgil could not start: ${why}`)
  process.exit(1)
})
