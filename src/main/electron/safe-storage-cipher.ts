import { safeStorage } from 'electron'
import type { SecretCipher } from '../core/vault/vault'

/** Secrets sealed by the OS keychain through Electron's safeStorage; refuses plain-text fallbacks. */
export function safeStorageCipher(): SecretCipher {
  if (!safeStorage.isEncryptionAvailable()) {
    throw new Error('The OS keychain is not available, so Virgil cannot store credentials safely.')
  }
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    throw new Error('No keyring (GNOME Keyring or KWallet) is running; Virgil refuses to store credentials in plain text.')
  }
  return {
    kind: 'electron-safe-storage',
    encrypt: (plain) => safeStorage.encryptString(plain.toString('utf8')),
    decrypt: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'utf8')
  }
}
