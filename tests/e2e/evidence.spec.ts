import { test, expect } from '@playwright/test'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { removeDataDir, startServe, type ServeProcess } from './support/serve-process'
import { WarRoom } from './support/war-room'

let serve: ServeProcess
const VAULT_KEY = 'ab'.repeat(32)

test.afterEach(async () => {
  await serve.stop()
  removeDataDir(serve.dataDir)
})

function verify(dataDir: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [resolve('out/main/cli.js'), 'verify', '--data-dir', dataDir], {
    env: { ...process.env, VIRGIL_VAULT_KEY: VAULT_KEY },
    encoding: 'utf8'
  })
  return { status: r.status, out: `${r.stdout}${r.stderr}` }
}

test('evidence survives a killed process, exports with a verified chain, and tampering is named', async ({ page }) => {
  serve = await startServe({}, undefined, VAULT_KEY)
  const room = new WarRoom(page)
  await room.open(serve.url)
  await room.openIncident({ title: 'Ransom note on file server', description: 'README_DECRYPT.txt on \\\\fs01\\share', leader: 'Ana' })
  await room.say('Found the note at 02:14 on fs01')
  const line = room.messages().filter({ hasText: 'Found the note at 02:14' })
  await line.hover()
  await line.getByTestId('mark-evidence').click()
  await expect(line).toHaveAttribute('data-mark', 'evidence')

  // kill -9: no shutdown hook runs; the WAL with synchronous=FULL must still hold every line.
  await serve.stop('SIGKILL')
  serve = await serve.restart()
  await room.open(serve.url)
  await page.getByTestId('incident-row').first().click()
  await expect(room.messages().filter({ hasText: 'Found the note at 02:14' })).toHaveAttribute('data-mark', 'evidence')

  const downloading = page.waitForEvent('download')
  await page.getByTestId('export-evidence').click()
  const file = await downloading
  expect(file.suggestedFilename()).toBe('INC0000001-evidence.json')
  const bundle = JSON.parse(readFileSync(await file.path(), 'utf8')) as { chain: { ok: boolean }; evidence: { text: string }[]; events: unknown[] }
  expect(bundle.chain.ok).toBe(true)
  expect(bundle.evidence.map((m) => m.text)).toEqual(['Found the note at 02:14 on fs01'])
  expect(bundle.events.length).toBeGreaterThanOrEqual(3)

  await serve.stop()
  expect(verify(serve.dataDir)).toMatchObject({ status: 0, out: expect.stringMatching(/^OK: \d+ events/) })
  const db = new Database(join(serve.dataDir, 'virgil.db'))
  db.prepare(`UPDATE events SET payload = replace(payload, '02:14', '03:14') WHERE type = 'message.posted'`).run()
  db.close()
  const tampered = verify(serve.dataDir)
  expect(tampered.status).toBe(1)
  expect(tampered.out).toMatch(/TAMPERED: event #\d+ \S+ \(INC0000001\): .*\(it was edited\)/)
})
