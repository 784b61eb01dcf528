import { resolve, join } from 'node:path'
import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { isVirgilError } from '../shared/errors'
import { openDb, type Db } from './core/db/open-db'
import { verifyLog } from './core/log/verify'
import { aesGcmCipher, Vault } from './core/vault/vault'
import { runReport } from './cli-report'
import { resolveVaultKey } from './serve/vault-key'

const USAGE = `Usage:
  npm run virgil -- verify --data-dir DIR [--vault-key-file FILE]
  npm run virgil -- report --data-dir DIR --incident INC0000001 --format html|md|pdf [--out FILE]`

/** `verify` checks every chain (exit 1 on any tampering); `report` writes an incident's evidence report. */
async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string', default: '.virgil-data' },
      'vault-key-file': { type: 'string' },
      incident: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' }
    }
  })
  const command = positionals[0]
  if (command !== 'verify' && command !== 'report') {
    console.error(USAGE)
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
    const vault = new Vault(db, aesGcmCipher(key))
    return command === 'report' ? await runReport(db, vault, values) : verify(db, vault)
  } finally {
    db.close()
  }
}

function verify(db: Db, vault: Vault): number {
  const report = verifyLog(db, vault.chainKey(), undefined)
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
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`virgil could not run: ${isVirgilError(err) || err instanceof Error ? err.message : String(err)}`)
    process.exit(2)
  }
)
