import { resolve, join } from 'node:path'
import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { parseArgs } from 'node:util'
import { isVirgilError } from '../shared/errors'
import { compareWithCheckpoint, type Checkpoint } from './core/archive/checkpoint'
import { latestCheckpointIn, parseCheckpoint } from './core/archive/checkpoint-store'
import { readPortableArchive } from './core/archive/portable-archive'
import { verifyArchive } from './core/archive/verify-archive'
import { openDb, type Db } from './core/db/open-db'
import { latestCheckpointInStream } from './core/sync/checkpoint-copy'
import { rowToEvent } from './core/log/event-log'
import { verifyLog } from './core/log/verify'
import { aesGcmCipher, Vault } from './core/vault/vault'
import { runReport } from './cli-report'
import { resolveVaultKey } from './serve/vault-key'
import { terminal } from './core/logger'
import { incidentSummary } from './core/incidents/incident-repo'

const USAGE = `Usage:
  npm run virgil -- verify --data-dir DIR [--vault-key-file FILE] [--checkpoint FILE | --checkpoint-dir DIR]
                          [--nats URL [--stream SOC_EVENTS] [--subject-prefix soc.events]]
  npm run virgil -- verify FILE.virgil
  npm run virgil -- report --data-dir DIR --incident INC0000001 --format html|md|pdf [--out FILE]`

/**
 * `verify` checks every chain and the latest checkpoint sealed outside the database (exit 1 on any
 * tampering), or a portable archive on its own; `report` writes an incident's evidence report.
 */
async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string', default: '.virgil-data' },
      'vault-key-file': { type: 'string' },
      checkpoint: { type: 'string' },
      'checkpoint-dir': { type: 'string', default: process.env.VIRGIL_CHECKPOINT_DIR ?? join(homedir(), '.config', 'virgil', 'checkpoints') },
      nats: { type: 'string' },
      stream: { type: 'string', default: 'SOC_EVENTS' },
      'subject-prefix': { type: 'string', default: 'soc.events' },
      incident: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' }
    }
  })
  const command = positionals[0]
  if (command !== 'verify' && command !== 'report') {
    terminal.err(USAGE)
    return 2
  }
  if (command === 'verify' && positionals[1]) return verifyArchiveFile(positionals[1])
  const dataDir = resolve(values['data-dir'] as string)
  const dbPath = join(dataDir, 'virgil.db')
  if (!existsSync(dbPath)) {
    terminal.err(`No Virgil database at ${dbPath}.`)
    return 2
  }
  const { key } = resolveVaultKey(dataDir, process.env, values['vault-key-file'])
  const db = openDb(dbPath)
  try {
    const vault = new Vault(db, aesGcmCipher(key))
    if (command === 'report') return await runReport(db, vault, values)
    const local = values.checkpoint ? parseCheckpoint(readFileSync(values.checkpoint, 'utf8')) : latestCheckpointIn(values['checkpoint-dir'] as string, originOf(db))
    const remote = values.nats ? await fromStream(values, originOf(db), vault.get('sync.token')) : undefined
    // The newest copy wins: whoever deleted the database's tail may also have reached the local file.
    const checkpoint = remote && (!local || remote.at > local.at) ? remote : local
    if (checkpoint) terminal.out(`Checking against the checkpoint of ${new Date(checkpoint.at).toISOString()} from ${checkpoint === remote ? `the team stream (${values.nats})` : values.checkpoint ? values.checkpoint : 'the checkpoint folder'}.`)
    return verify(db, vault, checkpoint)
  } finally {
    db.close()
  }
}

/** The newest checkpoint this workstation sent to the team stream; unreachable servers are said, not fatal. */
async function fromStream(values: Record<string, string | boolean | undefined>, origin: string | undefined, token: string | undefined): Promise<Checkpoint | undefined> {
  if (!origin) return undefined
  try {
    const servers = String(values.nats).split(',').map((s) => s.trim())
    const found = await latestCheckpointInStream({ servers, stream: String(values.stream), subjectPrefix: String(values['subject-prefix']), origin, ...(token ? { token } : {}) })
    if (!found) terminal.out(`The team stream holds no checkpoint of this workstation (${origin}).`)
    return found
  } catch (err) {
    terminal.err(`Could not read checkpoints from ${String(values.nats)}: ${err instanceof Error ? err.message : String(err)}`)
    return undefined
  }
}

function originOf(db: Db): string | undefined {
  return (db.prepare(`SELECT value FROM meta WHERE key = 'origin'`).get() as { value: string } | undefined)?.value
}

/** A portable `.virgil` archive checked on its own: exit 1 when it does not verify. */
function verifyArchiveFile(file: string): number {
  const result = verifyArchive(readPortableArchive(resolve(file)))
  terminal.out(result.ok ? `OK: ${result.headline}` : `TAMPERED: ${result.headline}`)
  for (const p of result.problems.slice(1)) terminal.out(`  also: ${p}`)
  return result.ok ? 0 : 1
}

function verify(db: Db, vault: Vault, checkpoint: ReturnType<typeof latestCheckpointIn>): number {
  const report = verifyLog(db, vault.chainKey(), undefined)
  const events = (db.prepare('SELECT * FROM events ORDER BY seq').all() as Parameters<typeof rowToEvent>[0][]).map(rowToEvent)
  const sealed = checkpoint ? compareWithCheckpoint(events, checkpoint) : []
  if (report.problems.length === 0 && sealed.length === 0) {
    const against = checkpoint ? ` and match the checkpoint of ${new Date(checkpoint.at).toISOString()}` : '; no checkpoint was found, so a deleted tail could not be checked'
    terminal.out(`OK: ${report.events} events in ${report.chains} chains verified${against}; nothing was edited.`)
    return 0
  }
  for (const p of report.problems) {
    const where = p.incidentId ? (incidentSummary(db, p.incidentId)?.number ?? p.incidentId) : 'settings'
    terminal.out(`TAMPERED: event #${p.seq} ${p.eventId} (${where}): ${p.reason}`)
  }
  for (const p of sealed) terminal.out(`TAMPERED: ${p.number ?? p.incidentId ?? 'settings'} ${p.reason}`)
  return 1
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    terminal.err(`virgil could not run: ${isVirgilError(err) || err instanceof Error ? err.message : String(err)}`)
    process.exit(2)
  }
)
