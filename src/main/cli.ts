import { resolve, join } from 'node:path'
import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { openDb } from './core/db/open-db'
import { verifyLog } from './core/log/verify'
import { aesGcmCipher, Vault } from './core/vault/vault'
import { resolveVaultKey } from './serve/vault-key'

/** `npm run virgil -- verify --data-dir DIR`: checks every chain; exit 1 on any tampering. */
function main(): number {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { 'data-dir': { type: 'string', default: '.virgil-data' }, 'vault-key-file': { type: 'string' } }
  })
  if (positionals[0] !== 'verify') {
    console.error('Usage: npm run virgil -- verify --data-dir DIR [--vault-key-file FILE]')
    return 2
  }
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
    if (report.problems.length === 0) {
      console.log(`OK: ${report.events} events in ${report.chains} chains verified; nothing was edited.`)
      return 0
    }
    const numberOf = db.prepare('SELECT number FROM incidents WHERE id = ?')
    for (const p of report.problems) {
      const where = p.incidentId ? ((numberOf.get(p.incidentId) as { number: string } | undefined)?.number ?? p.incidentId) : 'settings'
      console.log(`TAMPERED: event #${p.seq} ${p.eventId} (${where}): ${p.reason}`)
    }
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
