import { createHash, randomBytes, type Hash } from 'node:crypto'
import { createReadStream, existsSync, mkdirSync, renameSync, rmSync, writeFileSync, type ReadStream } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import type { Hashes } from '../../../shared/evidence'
import { VirgilError } from '../../../shared/errors'

const SHA256 = /^[0-9a-f]{64}$/

/** MD5, SHA-1 and SHA-256 in one pass over the bytes. */
export class MultiHash {
  private readonly md5: Hash = createHash('md5')
  private readonly sha1: Hash = createHash('sha1')
  private readonly sha256: Hash = createHash('sha256')
  size = 0

  update(bytes: Uint8Array): void {
    this.md5.update(bytes)
    this.sha1.update(bytes)
    this.sha256.update(bytes)
    this.size += bytes.length
  }

  digest(): Hashes {
    return { md5: this.md5.digest('hex'), sha1: this.sha1.digest('hex'), sha256: this.sha256.digest('hex') }
  }
}

export function hashBytes(bytes: Uint8Array): Hashes {
  const h = new MultiHash()
  h.update(bytes)
  return h.digest()
}

/** A file being written in the store's temp folder, hashed as it grows. */
export interface PendingBlob {
  readonly path: string
  readonly hash: MultiHash
  write(bytes: Uint8Array): Promise<void>
  close(): Promise<void>
  discard(): Promise<void>
}

/**
 * Content-addressed storage: data-dir/blobs/aa/bb/<sha256>. Bytes are only ever written and read
 * as data: nothing here executes or opens a file, and a name from an upload never becomes a path.
 */
export class BlobStore {
  readonly root: string
  private readonly tmp: string

  constructor(dataDir: string) {
    this.root = join(dataDir, 'blobs')
    this.tmp = join(this.root, 'tmp')
    mkdirSync(this.tmp, { recursive: true })
  }

  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new VirgilError('BAD_INPUT', 'That is not a SHA-256 (64 hex characters).')
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256)
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256))
  }

  /** A stream of the stored bytes; a blob this workstation never received is said in words. */
  open(sha256: string): ReadStream {
    const path = this.pathOf(sha256)
    if (!existsSync(path)) {
      throw new VirgilError('NOT_FOUND', `The file ${sha256.slice(0, 12)}… is not on this workstation: it was added on another one, and only its hashes and summary travel with the log.`)
    }
    return createReadStream(path)
  }

  async begin(): Promise<PendingBlob> {
    const path = join(this.tmp, `${Date.now()}-${randomBytes(8).toString('hex')}.part`)
    const handle: FileHandle = await open(path, 'wx', 0o600)
    const hash = new MultiHash()
    let isClosed = false
    return {
      path,
      hash,
      async write(bytes) {
        hash.update(bytes)
        await handle.write(bytes)
      },
      async close() {
        if (isClosed) return
        isClosed = true
        await handle.close()
      },
      async discard() {
        if (!isClosed) {
          isClosed = true
          await handle.close().catch(() => undefined)
        }
        rmSync(path, { force: true })
      }
    }
  }

  /** Moves a finished temp file to its address; a duplicate keeps the one blob already there. */
  commit(tempPath: string, sha256: string): { isNew: boolean } {
    const target = this.pathOf(sha256)
    if (existsSync(target)) {
      rmSync(tempPath, { force: true })
      return { isNew: false }
    }
    mkdirSync(join(target, '..'), { recursive: true })
    renameSync(tempPath, target)
    return { isNew: true }
  }

  /** Stores bytes already in memory (an email's attachment, a ticket's record). */
  putBytes(bytes: Uint8Array): Hashes & { isNew: boolean } {
    const hashes = hashBytes(bytes)
    const target = this.pathOf(hashes.sha256)
    if (existsSync(target)) return { ...hashes, isNew: false }
    const temp = join(this.tmp, `${Date.now()}-${randomBytes(8).toString('hex')}.part`)
    writeFileSync(temp, bytes, { mode: 0o600 })
    return { ...hashes, ...this.commit(temp, hashes.sha256) }
  }

  /** Leftovers of uploads a killed process never finished. */
  sweepTemp(): void {
    rmSync(this.tmp, { recursive: true, force: true })
    mkdirSync(this.tmp, { recursive: true })
  }
}
