import { resolve, join } from 'node:path'
import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { openDb } from './core/db/open-db'
import { verifyLog } from './core/log/verify'
import { compareWithCheckpoint } from './core/archive/checkpoint'
import { latestCheckpointIn, parseCheckpoint } from './core/archive/checkpoint-store'
import { readPortableArchive } from './core/archive/portable-archive'
import { verifyArchive } from './core/archive/verify-archive'
import { rowToEvent } from './core/log/event-log'
import { homedir } from 'node:os'
import { readFileSync } from 'node:fs'
import { aesGcmCipher, Vault } from './core/vault/vault'
import { resolveVaultKey } from './serve/vault-key'

/** A portable `.virgil` archive checked on its own: exit 1 when it does not verify. */
function verifyArchiveFile(file: string): number {
  const result = verifyArchive(readPortableArchive(resolve(file)))
  console.log(result.ok ? `OK: ${result.headline}` : `TAMPERED: ${result.headline}`)
  for (const p of result.problems.slice(1)) console.log(`  also: ${p}`)
  return result.ok ? 0 : 1
}

/**
 * `npm run virgil -- verify --data-dir DIR [--checkpoint FILE | --checkpoint-dir DIR]`: checks every
 * chain and the latest checkpoint sealed outside the database; `verify FILE.virgil` checks an archive.
 * Exit 1 on any tampering.
 */
function main(): number {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string', default: '.virgil-data' },
      'vault-key-file': { type: 'string' },
      checkpoint: { type: 'string' },
      'checkpoint-dir': { type: 'string', default: process.env.VIRGIL_CHECKPOINT_DIR ?? join(homedir(), '.config', 'virgil', 'checkpoints') }
    }
  })
  if (positionals[0] !== 'verify') {
    console.error('Usage: npm run virgil -- verify --data-dir DIR [--checkpoint FILE | --checkpoint-dir DIR]   or   verify FILE.virgil')
    return 2
  }
  if (positionals[1]) return verifyArchiveFile(positionals[1])
  const dataDir = resolve(values['data-dir'] as string)
  const dbPath = join(dataDir, 'virgil.db')
  if (!existsSync(dbPath)) {
    console.error(`No Virgil database at ${dbPath}.`)
    return 2
  }
  const { key } = resolveVaultKey(dataDir, process.env, values['vault-key-file'])
  const db = openDb(dbPath)
  try {
    const report = verifyLog(db, new Vault(db, aesGcmCipher(key)).chainKey(), undefined)
    const origin = (db.prepare(`SELECT value FROM meta WHERE key = 'origin'`).get() as { value: string } | undefined)?.value
    const checkpoint = values.checkpoint ? parseCheckpoint(readFileSync(values.checkpoint, 'utf8')) : latestCheckpointIn(values['checkpoint-dir'] as string, origin)
    const events = (db.prepare('SELECT * FROM events ORDER BY seq').all() as Parameters<typeof rowToEvent>[0][]).map(rowToEvent)
    const sealed = checkpoint ? compareWithCheckpoint(events, checkpoint) : []
    if (report.problems.length === 0 && sealed.length === 0) {
      const against = checkpoint ? ` and match the checkpoint of ${new Date(checkpoint.at).toISOString()}` : '; no checkpoint found, so a deleted tail could not be checked'
      console.log(`OK: ${report.events} events in ${report.chains} chains verified${against}; nothing was edited.`)
      return 0
    }
    const numberOf = db.prepare('SELECT number FROM incidents WHERE id = ?')
    for (const p of report.problems) {
      const where = p.incidentId ? ((numberOf.get(p.incidentId) as { number: string } | undefined)?.number ?? p.incidentId) : 'settings'
      console.log(`TAMPERED: event #${p.seq} ${p.eventId} (${where}): ${p.reason}`)
    }
    for (const p of sealed) console.log(`TAMPERED: ${p.number ?? p.incidentId ?? 'settings'} ${p.reason}`)
    return 1
  } finally {
    db.close()
  }
}

try {
  process.exit(main())
} catch (err) {
  console.error(`verify could not run: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(2)
}
