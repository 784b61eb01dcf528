import { existsSync, readFileSync } from 'node:fs'
import type { Db } from '../db/open-db'
import type { BlobStore } from '../evidence/blob-store'
import { incidentBlobs } from '../evidence/blob-api'
import type { ArchivedBlob } from './portable-archive'

/** An incident's files for its portable archive: hashes always, bytes when this workstation has them. */
export function archivedBlobs(db: Db, store: BlobStore, incidentId: string): ArchivedBlob[] {
  return incidentBlobs(db, incidentId).map((b) => {
    const path = store.pathOf(b.sha256)
    return { sha256: b.sha256, md5: b.md5, sha1: b.sha1, size: b.size, mime: b.mime, name: b.names.join(', '), ...(existsSync(path) ? { content: readFileSync(path) } : {}) }
  })
}
