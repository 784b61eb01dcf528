import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDb, migrate } from '../../../src/main/core/db/open-db'
import { MIGRATIONS } from '../../../src/main/core/db/migrations'

const dirs: string[] = []
const tempDb = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'virgil-db-'))
  dirs.push(d)
  return join(d, 'v.db')
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

describe('openDb', () => {
  it('uses WAL, synchronous=FULL and foreign keys on a file', () => {
    const db = openDb(tempDb())
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('synchronous', { simple: true })).toBe(2)
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    db.close()
  })

  it('applies every migration once and records its hash', () => {
    const path = tempDb()
    openDb(path).close()
    const db = openDb(path)
    const rows = db.prepare('SELECT id FROM schema_migrations').all()
    expect(rows).toHaveLength(MIGRATIONS.length)
    for (const table of ['events', 'incidents', 'messages', 'command_runs', 'outbox', 'secrets', 'search_fts']) {
      expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = ?`).get(table)).toBeTruthy()
    }
    db.close()
  })

  it('refuses a migration edited after it was applied', () => {
    const path = tempDb()
    openDb(path).close()
    const edited = MIGRATIONS.map((m) => (m.id === 1 ? { ...m, sql: `${m.sql}\n-- edited` } : m))
    expect(() => openDb(path, { migrations: edited })).toThrow(/edited after it was applied/)
  })

  it('refuses a database written by a newer version', () => {
    const path = tempDb()
    const db = openDb(path)
    migrate(db, [...MIGRATIONS, { id: 99, name: 'future', sql: 'CREATE TABLE future (x)' }])
    db.close()
    expect(() => openDb(path)).toThrow(/newer Virgil/)
  })
})
