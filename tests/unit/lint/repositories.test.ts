import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

/** Where SQL over a table may live: its repository, its projection (the write side), and the read models. */
const READ_MODELS = ['src/main/core/search/', 'src/main/core/kpi/', 'src/main/core/report/', 'src/main/core/archive/', 'src/main/core/sync/', 'src/main/core/projections/', 'src/main/core/db/migrations.ts']

const TABLES: Record<string, string[]> = {
  incidents: [
    'src/main/core/incidents/incident-repo.ts',
    // The alert thread lookup needs the incident's status in the same query.
    'src/main/core/alerts/alert-store.ts'
  ],
  messages: ['src/main/core/chat/message-repo.ts', 'src/main/core/evidence/', 'src/main/core/log/'],
  command_runs: ['src/main/core/commands/command-run-repo.ts'],
  outbox: ['src/main/core/outbox/outbox-repo.ts', 'src/main/core/log/'],
  settings: ['src/main/core/settings/settings-repo.ts']
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []))
}

const files = sourceFiles('src/main').map((f) => ({ path: relative(process.cwd(), f).split('\\').join('/'), text: readFileSync(f, 'utf8') }))

describe('one repository per aggregate', () => {
  it.each(Object.entries(TABLES))('the %s table is queried only by its repository (and the read models)', (table, owners) => {
    const sql = new RegExp(`\\b(FROM|JOIN|UPDATE|INTO)\\s+${table}\\b`)
    const allowed = [...owners, ...READ_MODELS]
    const offenders = files.filter((f) => sql.test(f.text) && !allowed.some((a) => f.path === a || (a.endsWith('/') && f.path.startsWith(a)))).map((f) => f.path)
    expect(offenders).toEqual([])
  })

  it('notices a query in the wrong place', () => {
    const sql = /\b(FROM|JOIN|UPDATE|INTO)\s+incidents\b/
    expect(sql.test("db.prepare('SELECT title FROM incidents WHERE id = ?')")).toBe(true)
    expect(sql.test("db.prepare('SELECT title FROM incidents_fts')")).toBe(false)
  })
})
