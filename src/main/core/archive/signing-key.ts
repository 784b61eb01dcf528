import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto'

/** An Ed25519 key that seals checkpoints; its private half lives in the vault, never in the log. */
export interface CheckpointSigner {
  publicKey: string
  fingerprint: string
  sign(data: string): string
}

export function newSigningKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ed25519')
  return privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
}

export function signerFromPem(pem: string): CheckpointSigner {
  const key = createPrivateKey(pem)
  const publicKey = publicKeyText(createPublicKey(key))
  return {
    publicKey,
    fingerprint: fingerprintOf(publicKey),
    sign: (data) => sign(null, Buffer.from(data, 'utf8'), key).toString('base64')
  }
}

/** The public key as base64 DER (SPKI), short enough to print and compare by eye. */
function publicKeyText(key: KeyObject): string {
  return key.export({ format: 'der', type: 'spki' }).toString('base64')
}

export function fingerprintOf(publicKey: string): string {
  const hex = createHash('sha256').update(publicKey).digest('hex').slice(0, 16)
  return hex.match(/.{4}/g)?.join(':') ?? hex
}

export function verifySignature(publicKey: string, data: string, signature: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' })
    return verify(null, Buffer.from(data, 'utf8'), key, Buffer.from(signature, 'base64'))
  } catch {
    return false
  }
}
