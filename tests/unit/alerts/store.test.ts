import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDb, type Db } from '../../../src/main/core/db/open-db'
import { MIGRATIONS } from '../../../src/main/core/db/migrations'
import { AlertStore } from '../../../src/main/core/alerts/alert-store'

let dir: string
let db: Db | undefined
afterEach(() => {
  db?.close()
  rmSync(dir, { recursive: true, force: true })
})

const row = (id: string, dedupKey: string) => ({ id, dedupKey, threadKey: null, source: 's', type: 't', severity: 5, title: 'x', incidentId: null, receivedAt: 1 })

describe('migration 2: the alert intake memory', () => {
  it('applies on top of migration 1 and keeps dedup keys, signatures and marks across a reopen', () => {
    dir = mkdtempSync(join(tmpdir(), 'virgil-alerts-'))
    const path = join(dir, 'v.db')
    db = openDb(path, { migrations: MIGRATIONS.filter((m) => m.id === 1) })
    db.close()
    db = openDb(path)
    expect((db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: number }[]).map((r) => r.id)).toEqual(MIGRATIONS.map((m) => m.id))

    let store = new AlertStore(db)
    store.add(row('a1', 'splunk:sid-1:search'))
    expect(() => store.add(row('a2', 'splunk:sid-1:search'))).toThrow(/UNIQUE/)
    expect(store.rememberSignature('ab'.repeat(32), Date.now())).toBe(true)
    store.setMark('guardduty', 1234)
    db.close()

    db = openDb(path)
    store = new AlertStore(db)
    expect(store.seen('splunk:sid-1:search')).toEqual({ id: 'a1', incidentId: null })
    expect(store.hasSignature('ab'.repeat(32))).toBe(true)
    expect(store.rememberSignature('ab'.repeat(32), Date.now())).toBe(false)
    expect(store.mark('guardduty')).toBe(1234)
    expect(store.next('local_ticket_counter')).toBe(1)
    expect(store.next('local_ticket_counter')).toBe(2)
  })

  it('forgets signatures once their timestamps are stale anyway', () => {
    dir = mkdtempSync(join(tmpdir(), 'virgil-alerts-'))
    db = openDb(join(dir, 'v.db'))
    const store = new AlertStore(db)
    const now = Date.now()
    store.rememberSignature('old', now - 20 * 60_000)
    store.rememberSignature('new', now + 120_000)
    expect(store.hasSignature('old')).toBe(false)
    expect(store.hasSignature('new')).toBe(true)
  })
})
