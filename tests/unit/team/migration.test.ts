import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDb } from '../../../src/main/core/db/open-db'
import { MIGRATIONS } from '../../../src/main/core/db/migrations'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

describe('migration 7 (team)', () => {
  it('adds the roster and restricted_groups to a database that already holds incidents, open to all', () => {
    const dir = mkdtempSync(join(tmpdir(), 'virgil-db-'))
    dirs.push(dir)
    const path = join(dir, 'v.db')
    const before = openDb(path, { migrations: MIGRATIONS.filter((m) => m.id < 7) })
    before
      .prepare(
        `INSERT INTO incidents (id, number, title, description, source, leader, members, impact, urgency, conditions, priority, status, opened_at, opened_by, updated_at)
         VALUES ('i1', 'INC0000001', 'old case', '', 'email', 'Ana', '[]', 'low', 'low', '[]', 'P5', 'new', 1, '{}', 1)`
      )
      .run()
    before.close()
    const db = openDb(path)
    expect(db.prepare(`SELECT restricted_groups FROM incidents WHERE id = 'i1'`).get()).toEqual({ restricted_groups: '[]' })
    db.prepare(`INSERT INTO roster (id, name, handle, role, groups, updated_at) VALUES ('user:ana', 'Ana', 'ana', 'lead', '["insider"]', 1)`).run()
    expect(db.prepare('SELECT handle, role FROM roster').all()).toEqual([{ handle: 'ana', role: 'lead' }])
    expect((db.prepare('SELECT id FROM schema_migrations WHERE id = 7').get() as { id: number }).id).toBe(7)
    db.close()
  })
})
