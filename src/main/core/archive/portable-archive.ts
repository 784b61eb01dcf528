import Database from 'better-sqlite3'
import { existsSync, renameSync, rmSync } from 'node:fs'
import { VirgilError } from '../../../shared/errors'
import type { Db } from '../db/open-db'
import type { UserRef } from '../../../shared/domain'
import { textToEvent, type LogEvent } from '../log/event'
import type { EventText } from './chain-digest'
import { ChainFolder, type Checkpoint } from './checkpoint'
import { parseCheckpoint } from './checkpoint-store'

export const ARCHIVE_FORMAT = 'virgil-archive'
export const ARCHIVE_EXTENSION = '.virgil'

/** A file's hashes as the archive lists them (its bytes ride along when the blob store has them). */
export interface ArchivedBlob {
  sha256: string
  md5: string
  sha1: string
  size: number
  name: string
  mime: string
  content?: Buffer
}

export type ArchivedEvent = LogEvent & { seq: number; digest: string }

export interface ArchiveContents {
  meta: Record<string, string>
  events: ArchivedEvent[]
  /** Each event's running chain digest recomputed from its stored text (see digestBody), for the verifier to compare. */
  folded?: string[]
  checkpoint: Checkpoint | undefined
  /** Why the checkpoint could not be read, when it could not. */
  checkpointError?: string
  blobs: ArchivedBlob[]
}

type Ctor = typeof Database
interface NativeOption {
  nativeBinding?: string
}

const SCHEMA = `
CREATE TABLE archive_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE events (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, origin TEXT NOT NULL, hlc TEXT NOT NULL, type TEXT NOT NULL,
  incident_id TEXT, actor TEXT NOT NULL, payload TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL,
  digest TEXT NOT NULL
);
CREATE TABLE checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL);
CREATE TABLE blobs (sha256 TEXT PRIMARY KEY, md5 TEXT NOT NULL, sha1 TEXT NOT NULL, size INTEGER NOT NULL, name TEXT NOT NULL, mime TEXT NOT NULL, content BLOB);
`

/**
 * Writes one investigation as a single SQLite file: its events as they are in the log, the files'
 * hashes (and bytes), and a checkpoint sealed with this workstation's key. Another Virgil opens it
 * read-only, with no access to this database.
 */
export function writePortableArchive(
  db: Db,
  incidentId: string,
  checkpoint: Checkpoint,
  meta: Record<string, string>,
  blobs: ArchivedBlob[],
  outPath: string,
  native: NativeOption = {}
): { events: number } {
  const tmp = `${outPath}.${process.pid}.partial`
  rmSync(tmp, { force: true })
  const out = new (Database as Ctor)(tmp, native.nativeBinding ? { nativeBinding: native.nativeBinding } : {})
  let count = 0
  try {
    // A fresh temp file renamed into place when complete: a rollback journal would only double the writes.
    out.pragma('journal_mode = OFF')
    out.pragma('synchronous = FULL')
    out.exec(SCHEMA)
    const put = out.prepare('INSERT INTO events (seq, id, origin, hlc, type, incident_id, actor, payload, prev_hash, hash, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    out.transaction(() => {
      const setMeta = out.prepare('INSERT INTO archive_meta (key, value) VALUES (?, ?)')
      for (const [k, v] of Object.entries({ ...meta, format: ARCHIVE_FORMAT, version: '1' })) setMeta.run(k, v)
      const rows = db.prepare('SELECT seq, id, origin, hlc, type, incident_id, actor, payload, prev_hash, hash FROM events WHERE incident_id = ? ORDER BY seq').iterate(incidentId) as Iterable<EventText & { seq: number }>
      // Each event carries its chain's running digest, so a verifier can name the first edited one.
      // The rows are copied as stored: nothing is parsed or re-serialised on the way (see digestBody).
      const folder = new ChainFolder()
      for (const r of rows) {
        put.run(r.seq, r.id, r.origin, r.hlc, r.type, r.incident_id, r.actor, r.payload, r.prev_hash, r.hash, folder.addText(r).digest)
        count++
      }
      out.prepare('INSERT INTO checkpoint (id, json) VALUES (1, ?)').run(JSON.stringify(checkpoint))
      const putBlob = out.prepare('INSERT OR IGNORE INTO blobs (sha256, md5, sha1, size, name, mime, content) VALUES (@sha256, @md5, @sha1, @size, @name, @mime, @content)')
      for (const b of blobs) putBlob.run({ ...b, content: b.content ?? null })
    })()
  } finally {
    out.close()
  }
  renameSync(tmp, outPath)
  return { events: count }
}

/** Reads an archive without trusting it: every part is checked by the verifier, not here. */
export function readPortableArchive(path: string, native: NativeOption = {}): ArchiveContents {
  if (!existsSync(path)) throw new VirgilError('NOT_FOUND', `No archive at ${path}.`)
  let file: Database.Database
  try {
    file = new (Database as Ctor)(path, { readonly: true, fileMustExist: true, ...(native.nativeBinding ? { nativeBinding: native.nativeBinding } : {}) })
  } catch (err) {
    throw new VirgilError('BAD_INPUT', `${path} is not a Virgil archive (${err instanceof Error ? err.message : String(err)}).`)
  }
  try {
    const meta = Object.fromEntries((file.prepare('SELECT key, value FROM archive_meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]))
    if (meta.format !== ARCHIVE_FORMAT) throw new VirgilError('BAD_INPUT', `${path} is not a Virgil archive.`)
    const { events, folded } = readEvents(file)
    const json = (file.prepare('SELECT json FROM checkpoint WHERE id = 1').get() as { json: string } | undefined)?.json
    let checkpoint: Checkpoint | undefined
    let checkpointError: string | undefined
    try {
      checkpoint = json ? parseCheckpoint(json) : undefined
      if (!json) checkpointError = 'the archive holds no checkpoint'
    } catch {
      checkpointError = 'its checkpoint is unreadable'
    }
    const blobs = file.prepare('SELECT * FROM blobs').all() as (ArchivedBlob & { content: Buffer | null })[]
    return {
      meta,
      events,
      folded,
      checkpoint,
      ...(checkpointError ? { checkpointError } : {}),
      blobs: blobs.map((b) => ({ ...b, ...(b.content ? { content: b.content } : { content: undefined }) }))
    }
  } catch (err) {
    if (err instanceof VirgilError) throw err
    throw new VirgilError('BAD_INPUT', `${path} is damaged or truncated: ${err instanceof Error ? err.message : String(err)}`)
  } finally {
    file.close()
  }
}

type StoredEvent = EventText & { seq: number; digest: string }

/** Every event parsed for review, and its chain digest folded again from its text, in one pass over the rows. */
function readEvents(file: Database.Database): { events: ArchivedEvent[]; folded: string[] } {
  const events: ArchivedEvent[] = []
  const folded: string[] = []
  const folder = new ChainFolder()
  const actors = new Map<string, UserRef>()
  for (const r of file.prepare('SELECT seq, id, origin, hlc, type, incident_id, actor, payload, prev_hash, hash, digest FROM events ORDER BY seq').all() as StoredEvent[]) {
    folded.push(folder.addText(r).digest)
    let actor = actors.get(r.actor)
    if (!actor) actors.set(r.actor, (actor = JSON.parse(r.actor) as UserRef))
    events.push({ seq: r.seq, ...textToEvent(r, { ...actor }), digest: r.digest })
  }
  return { events, folded }
}
