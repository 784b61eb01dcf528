import { spawnSync } from 'node:child_process'
import { copyFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Incident } from '../../../src/shared/domain'
import { call, incidentInput, makeCore, type TestCore } from '../core/make-core'

/**
 * `virgil verify` as an auditor runs it, against each way someone could doctor the database after
 * the fact; the checkpoint sealed outside the data directory is what catches the deletions.
 */
let t: TestCore
let dbPath: string
let pristine: string
let older: string
let a: Incident
let b: Incident

function verifyCli(): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', resolve('src/main/cli.ts'), 'verify', '--data-dir', t.dataDir, '--checkpoint-dir', `${t.dataDir}-checkpoints`], {
    env: { ...process.env, VIRGIL_VAULT_KEY: t.key.toString('hex') },
    encoding: 'utf8',
    timeout: 60_000
  })
  return { code: r.status, out: `${r.stdout}${r.stderr}` }
}

function tamper(sql: string, ...params: unknown[]): void {
  const db = new Database(dbPath)
  db.prepare(sql).run(...params)
  db.close()
}

beforeAll(async () => {
  t = makeCore()
  a = await call<Incident>(t.core, 'incident:create', { ...incidentInput, title: 'Sealed one' })
  for (const text of ['first', 'second', 'third', 'fourth']) await call(t.core, 'chat:send', { incidentId: a.id, text })
  // An older copy of the database: taken before the last lines were written.
  older = join(t.dataDir, 'older.db')
  await t.core.close()
  copyFileSync(join(t.dataDir, 'virgil.db'), older)
  await t.reopen()
  b = await call<Incident>(t.core, 'incident:create', { ...incidentInput, title: 'Sealed two' })
  await call(t.core, 'chat:send', { incidentId: b.id, text: 'only' })
  await call(t.core, 'chat:send', { incidentId: a.id, text: 'fifth' })
  await call(t.core, 'incident:update', { id: a.id, status: 'closed' })
  t.core.checkpoints.take()
  await t.core.close()
  dbPath = join(t.dataDir, 'virgil.db')
  pristine = join(t.dataDir, 'pristine.db')
  copyFileSync(dbPath, pristine)
}, 60_000)

afterAll(async () => {
  await t.dispose()
})

const restore = (from: string): void => {
  for (const suffix of ['-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true })
  copyFileSync(from, dbPath)
}

describe('virgil verify against a doctored database', () => {
  it('passes the untouched log (negative control) and detects every tampering', () => {
    restore(pristine)
    const control = verifyCli()
    expect(control.out).toMatch(/^OK: .* match the checkpoint/m)
    expect(control.code).toBe(0)

    const cases: [string, () => void, RegExp][] = [
      ['an edited event', () => tamper(`UPDATE events SET payload = replace(payload, 'second', 'changed') WHERE incident_id = ?`, a.id), /TAMPERED/],
      [
        'a deleted middle event',
        () => tamper(`DELETE FROM events WHERE seq = (SELECT seq FROM events WHERE incident_id = ? AND type = 'message.posted' ORDER BY seq LIMIT 1 OFFSET 1)`, a.id),
        /TAMPERED/
      ],
      ['a deleted tail', () => tamper('DELETE FROM events WHERE seq = (SELECT max(seq) FROM events WHERE incident_id = ?)', a.id), /TAMPERED: .*ends early/],
      ['a deleted incident', () => tamper('DELETE FROM events WHERE incident_id = ?', b.id), new RegExp(`TAMPERED: ${b.number} is missing`)],
      ['an older copy swapped in', () => restore(older), /TAMPERED/]
    ]
    let detected = 0
    for (const [what, doIt, words] of cases) {
      restore(pristine)
      doIt()
      const r = verifyCli()
      expect(r.code, `${what}: ${r.out}`).toBe(1)
      expect(r.out, what).toMatch(words)
      detected++
    }
    console.log(`tamper cases detected: ${detected} of ${cases.length} (edit, middle, tail, incident, older copy; untouched control passes)`)
  }, 120_000)
})
