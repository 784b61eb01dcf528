import { createHash, randomBytes, scryptSync } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'

/**
 * The operator's vault key in serve mode, never stored inside the data directory:
 * VIRGIL_VAULT_KEY (64 hex chars, or a passphrase stretched with scrypt), else --vault-key-file,
 * else a 0600 key file under ~/.config/virgil made on first run for that data directory.
 */
export function resolveVaultKey(dataDir: string, env: NodeJS.ProcessEnv, keyFile?: string): { key: Buffer; source: string } {
  const fromEnv = env.VIRGIL_VAULT_KEY
  if (fromEnv) {
    if (/^[0-9a-fA-F]{64}$/.test(fromEnv)) return { key: Buffer.from(fromEnv, 'hex'), source: 'VIRGIL_VAULT_KEY' }
    if (fromEnv.length < 12) throw new Error('VIRGIL_VAULT_KEY is too short: use 64 hex characters or a passphrase of 12 or more characters.')
    return { key: scryptSync(fromEnv, `virgil:${resolve(dataDir)}`, 32), source: 'VIRGIL_VAULT_KEY (passphrase)' }
  }
  const file = keyFile ?? defaultKeyFile(dataDir)
  if (existsSync(file)) {
    const mode = statSync(file).mode & 0o077
    if (mode !== 0 && process.platform !== 'win32') throw new Error(`The vault key file ${file} is readable by other users; run chmod 600 on it.`)
    const hex = readFileSync(file, 'utf8').trim()
    if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error(`The vault key file ${file} must hold 64 hex characters.`)
    return { key: Buffer.from(hex, 'hex'), source: file }
  }
  if (keyFile) throw new Error(`The vault key file ${keyFile} does not exist.`)
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
  const key = randomBytes(32)
  writeFileSync(file, key.toString('hex'), { mode: 0o600 })
  chmodSync(file, 0o600)
  return { key, source: file }
}

function defaultKeyFile(dataDir: string): string {
  const id = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16)
  const base = process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config')
  return join(base, 'virgil', `vault-${id}.key`)
}
