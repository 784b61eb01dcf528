import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { VirgilError } from '../../../shared/errors'
import { MIGRATIONS, type Migration } from './migrations'

export type Db = Database.Database

export interface OpenDbOptions {
  /** Path to better_sqlite3.node built for the running ABI (Electron needs its own build). */
  nativeBinding?: string
  migrations?: Migration[]
}

/** Opens (or creates) the local log: WAL, synchronous=FULL, foreign keys on, migrations applied. */
export function openDb(path: string, options: OpenDbOptions = {}): Db {
  const db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
  if (path !== ':memory:') db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db, options.migrations ?? MIGRATIONS)
  return db
}

export function migrationHash(m: Migration): string {
  return createHash('sha256').update(`${m.id}\n${m.name}\n${m.sql}`).digest('hex')
}

export function migrate(db: Db, migrations: Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, hash TEXT NOT NULL, applied_at INTEGER NOT NULL)`)
  const applied = new Map(
    (db.prepare('SELECT id, hash FROM schema_migrations').all() as { id: number; hash: string }[]).map((r) => [r.id, r.hash])
  )
  const known = new Set(migrations.map((m) => m.id))
  for (const id of applied.keys()) {
    if (!known.has(id)) {
      throw new VirgilError('CONFLICT', `This database was written by a newer Virgil (migration ${id} is unknown). Update Virgil before opening it.`)
    }
  }
  for (const m of [...migrations].sort((a, b) => a.id - b.id)) {
    const hash = migrationHash(m)
    const previous = applied.get(m.id)
    if (previous !== undefined) {
      if (previous !== hash) {
        throw new VirgilError('CONFLICT', `Migration ${m.id} (${m.name}) was edited after it was applied; refusing to open the database.`)
      }
      continue
    }
    db.transaction(() => {
      db.exec(m.sql)
      db.prepare('INSERT INTO schema_migrations (id, name, hash, applied_at) VALUES (?, ?, ?, ?)').run(m.id, m.name, hash, Date.now())
    })()
  }
}
