import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { SECRET_NAMES, type SecretName } from '../../../shared/settings'
import { VirgilError } from '../../../shared/errors'
import type { Db } from '../db/open-db'
import { registerSecret } from '../logger'

/** Seals secrets at rest. Electron's safeStorage on the desktop, an operator key in serve mode. */
export interface SecretCipher {
  readonly kind: string
  encrypt(plain: Buffer): Buffer
  decrypt(sealed: Buffer): Buffer
}

/** AES-256-GCM with a 32-byte key: iv (12) | tag (16) | ciphertext. */
export function aesGcmCipher(key: Buffer): SecretCipher {
  if (key.length !== 32) throw new VirgilError('BAD_INPUT', 'The vault key must be 32 bytes.')
  return {
    kind: 'aes-256-gcm',
    encrypt(plain) {
      const iv = randomBytes(12)
      const c = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([c.update(plain), c.final()])
      return Buffer.concat([iv, c.getAuthTag(), body])
    },
    decrypt(sealed) {
      const c = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12))
      c.setAuthTag(sealed.subarray(12, 28))
      try {
        return Buffer.concat([c.update(sealed.subarray(28)), c.final()])
      } catch {
        throw new VirgilError('UNAUTHORIZED', 'The vault key does not open the stored secrets. Use the key this data directory was created with.')
      }
    }
  }
}

/** Internal secrets that never reach the renderer. */
export type InternalSecret = 'log.chainKey' | 'checkpoint.signingKey'

export class Vault {
  constructor(
    private readonly db: Db,
    private readonly cipher: SecretCipher
  ) {}

  get(name: SecretName | InternalSecret): string | undefined {
    const row = this.db.prepare('SELECT sealed FROM secrets WHERE name = ?').get(name) as { sealed: Buffer } | undefined
    const value = row ? this.cipher.decrypt(row.sealed).toString('utf8') : undefined
    registerSecret(value)
    return value
  }

  set(name: SecretName | InternalSecret, value: string | null): void {
    if (value === null || value === '') {
      this.db.prepare('DELETE FROM secrets WHERE name = ?').run(name)
      return
    }
    registerSecret(value)
    const sealed = this.cipher.encrypt(Buffer.from(value, 'utf8'))
    this.db.prepare('INSERT INTO secrets (name, sealed) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET sealed = excluded.sealed').run(name, sealed)
  }

  which(): Record<SecretName, boolean> {
    const present = new Set((this.db.prepare('SELECT name FROM secrets').all() as { name: string }[]).map((r) => r.name))
    return Object.fromEntries(SECRET_NAMES.map((n) => [n, present.has(n)])) as Record<SecretName, boolean>
  }

  /** The key that chains the log; made once per data directory. */
  chainKey(): Buffer {
    let hex = this.get('log.chainKey')
    if (!hex) {
      hex = randomBytes(32).toString('hex')
      this.set('log.chainKey', hex)
    }
    return Buffer.from(hex, 'hex')
  }
}
