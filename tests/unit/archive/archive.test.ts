import { copyFileSync, readFileSync, writeFileSync, rmSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { ArchivedIncident, Incident, Message, Verification } from '../../../src/shared/domain'
import { compareWithCheckpoint } from '../../../src/main/core/archive/checkpoint'
import { latestCheckpointIn } from '../../../src/main/core/archive/checkpoint-store'
import { readPortableArchive } from '../../../src/main/core/archive/portable-archive'
import { verifyArchive } from '../../../src/main/core/archive/verify-archive'
import { openDb } from '../../../src/main/core/db/open-db'
import { rowToEvent } from '../../../src/main/core/log/event-log'
import { call, incidentInput, makeCore, type TestCore } from '../core/make-core'

let t: TestCore
let other: TestCore | undefined
afterEach(async () => {
  await t.dispose()
  await other?.dispose()
  other = undefined
})

async function investigate(tc: TestCore, title: string, lines: string[]): Promise<Incident> {
  const inc = await call<Incident>(tc.core, 'incident:create', { ...incidentInput, title })
  for (const text of lines) await call(tc.core, 'chat:send', { incidentId: inc.id, text })
  await tc.core.runner.idle()
  return inc
}

function eventsOf(dbPath: string) {
  const db = new Database(dbPath, { readonly: true })
  try {
    return (db.prepare('SELECT * FROM events ORDER BY seq').all() as Parameters<typeof rowToEvent>[0][]).map(rowToEvent)
  } finally {
    db.close()
  }
}

describe('the archive', () => {
  it('lists closed incidents by indicator, command, status passed through and priority', async () => {
    t = makeCore()
    const a = await investigate(t, 'Phish to payroll', ['Beacon to 185.220.101.4 seen', '!defang http://evil-login.com/login'])
    await call(t.core, 'incident:update', { id: a.id, status: 'contained' })
    await call(t.core, 'incident:update', { id: a.id, status: 'closed' })
    const b = await investigate(t, 'Disk full', ['!hash abc'])
    await call(t.core, 'incident:update', { id: b.id, status: 'closed' })
    await investigate(t, 'Still open', ['185.220.101.4 again'])
    const list = async (filters: Record<string, unknown>) => (await call<{ rows: ArchivedIncident[]; total: number }>(t.core, 'archive:list', { filters })).rows.map((r) => r.title)
    expect(await list({})).toEqual(['Disk full', 'Phish to payroll'])
    expect(await list({ indicator: '185[.]220[.]101[.]4' })).toEqual(['Phish to payroll'])
    expect(await list({ indicator: 'evil-login.com' })).toEqual(['Phish to payroll'])
    expect(await list({ command: 'hash' })).toEqual(['Disk full'])
    expect(await list({ status: 'contained' })).toEqual(['Phish to payroll'])
    expect(await list({ sort: 'closed', direction: 'asc' })).toEqual(['Phish to payroll', 'Disk full'])
    expect(await list({ closedFrom: Date.now() + 60_000 })).toEqual([])
  })

  it('searches lines, command lines and outputs of live and archived incidents, ranked, with filters', async () => {
    t = makeCore()
    const a = await investigate(t, 'Phish', ['!defang http://mimikatz-drop.example/x', 'nothing to see'])
    await call(t.core, 'incident:update', { id: a.id, status: 'closed' })
    await investigate(t, 'Live one', ['mimikatz on fs01, mimikatz again'])
    const all = await call<{ hits: { title: string; kind?: string; isArchived?: boolean; snippet: string }[] }>(t.core, 'search:query', { query: 'mimikatz' })
    expect(all.hits.map((h) => h.title)).toEqual(expect.arrayContaining(['Phish', 'Live one']))
    expect(all.hits.find((h) => h.title === 'Phish' && h.kind === 'command')?.snippet).toContain('hxxp://\u0002mimikatz')
    const archived = await call<{ hits: { title: string }[] }>(t.core, 'search:query', { query: 'mimikatz', filters: { scope: 'archived' } })
    expect(new Set(archived.hits.map((h) => h.title))).toEqual(new Set(['Phish']))
    const phrase = await call<{ hits: { title: string }[] }>(t.core, 'search:query', { query: '"mimikatz again"' })
    expect(phrase.hits.map((h) => h.title)).toEqual(['Live one'])
    for (const bad of ['AND mimikatz', '"mimikatz', 'mimikatz OR', '((']) {
      const r = await call<{ hits: unknown[]; notice?: string }>(t.core, 'search:query', { query: bad })
      expect(r.notice, bad).toMatch(/^Searched for the words instead/)
    }
  })
})

describe('checkpoints outside the database', () => {
  const prepare = async () => {
    t = makeCore()
    const a = await investigate(t, 'Sealed one', ['first', 'second', 'third'])
    const b = await investigate(t, 'Sealed two', ['only'])
    await call(t.core, 'incident:update', { id: a.id, status: 'closed' })
    const checkpoint = t.core.checkpoints.take()
    const dbPath = join(t.dataDir, 'virgil.db')
    await t.core.close()
    return { a, b, checkpoint, dbPath }
  }

  it('finds nothing wrong with an untouched database (the negative control)', async () => {
    const { checkpoint, dbPath } = await prepare()
    expect(latestCheckpointIn(`${t.dataDir}-checkpoints`)?.at).toBe(checkpoint.at)
    expect(compareWithCheckpoint(eventsOf(dbPath), checkpoint)).toEqual([])
  })

  it('detects a deleted tail, a deleted incident, an edit and an older copy swapped in', async () => {
    const { a, b, checkpoint, dbPath } = await prepare()
    const older = `${dbPath}.older`
    const tamper = (sql: string, ...params: unknown[]) => {
      const db = new Database(dbPath)
      db.prepare(sql).run(...params)
      db.close()
    }
    copyFileSync(dbPath, older)
    tamper('DELETE FROM events WHERE seq = (SELECT max(seq) FROM events WHERE incident_id = ?)', a.id)
    expect(compareWithCheckpoint(eventsOf(dbPath), checkpoint).map((p) => p.reason)).toEqual([expect.stringMatching(/^ends early/)])

    copyFileSync(older, dbPath)
    tamper('DELETE FROM events WHERE incident_id = ?', b.id)
    const gone = compareWithCheckpoint(eventsOf(dbPath), checkpoint)
    expect(gone).toMatchObject([{ number: b.number, reason: expect.stringMatching(/^is missing/) }])

    copyFileSync(older, dbPath)
    tamper(`UPDATE events SET payload = replace(payload, 'second', 'changed') WHERE incident_id = ?`, a.id)
    expect(compareWithCheckpoint(eventsOf(dbPath), checkpoint).map((p) => p.reason)).toEqual([expect.stringMatching(/^does not match/)])

    // An older copy: the state before the last lines were written.
    const db = openDb(older)
    db.prepare('DELETE FROM events WHERE seq > (SELECT max(seq) - 3 FROM events)').run()
    db.close()
    expect(compareWithCheckpoint(eventsOf(older), checkpoint).length).toBeGreaterThan(0)
    rmSync(older, { force: true })
  })
})

describe('the portable archive', () => {
  it('exports one file that another Virgil opens read-only and verifies; a tampered or truncated one does not', async () => {
    t = makeCore()
    const inc = await investigate(t, 'Portable case', ['Found it at 02:14', '!hash evidence'])
    await call(t.core, 'incident:update', { id: inc.id, status: 'closed' })
    const exported = await call<{ fileName: string; base64: string; verification: Verification }>(t.core, 'archive:export', { id: inc.id })
    expect(exported.fileName).toMatch(/^INC0000001-.*\.virgil$/)
    expect(exported.verification).toMatchObject({ ok: true, headline: expect.stringMatching(/^Verified: \d+ events sealed/) })
    const dir = mkdtempSync(join(tmpdir(), 'virgil-archive-'))
    const file = join(dir, exported.fileName)
    writeFileSync(file, Buffer.from(exported.base64, 'base64'))

    other = makeCore({ archiveFile: file })
    const session = await call<{ archive?: { verification: Verification; number: string } }>(other.core, 'session:get', {})
    expect(session.archive).toMatchObject({ number: 'INC0000001', verification: { ok: true } })
    const [shown] = await call<Incident[]>(other.core, 'incident:list', { scope: 'all' })
    const { items } = await call<{ items: Message[] }>(other.core, 'timeline:get', { incidentId: shown!.id })
    expect(items.map((m) => m.text)).toContain('Found it at 02:14')
    const refused = await other.core.dispatch('chat:send', { incidentId: shown!.id, text: 'edit history' }, other.core.actor())
    expect(refused.ok ? null : refused.error.message).toMatch(/read-only/)
    const reseal = await other.core.dispatch('archive:export', { id: shown!.id }, other.core.actor())
    expect(reseal.ok).toBe(false)

    // Edit one line inside the file: the verifier names the event.
    const db = new Database(file)
    db.prepare(`UPDATE events SET payload = replace(payload, '02:14', '03:14') WHERE type = 'message.posted'`).run()
    db.close()
    const edited = verifyArchive(readPortableArchive(file))
    expect(edited.ok).toBe(false)
    expect(edited.headline).toMatch(/^Does not verify: event \d+ \(message\.posted\) was edited/)

    // Drop the last event: the checkpoint catches the missing tail.
    const db2 = new Database(file)
    db2.prepare(`UPDATE events SET payload = replace(payload, '03:14', '02:14')`).run()
    db2.prepare('DELETE FROM events WHERE seq = (SELECT max(seq) FROM events)').run()
    db2.close()
    expect(verifyArchive(readPortableArchive(file)).headline).toMatch(/ends early/)

    // A truncated file is said in words, not thrown as a stack.
    const bytes = readFileSync(file)
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 3)))
    expect(() => readPortableArchive(file)).toThrow(/damaged or truncated|not a Virgil archive/)
    rmSync(dir, { recursive: true, force: true })
  })
})
