import Database from 'better-sqlite3'
import { join } from 'node:path'
import { verifyLog } from '../../src/main/core/log/verify'
import { aesGcmCipher, Vault } from '../../src/main/core/vault/vault'
import type { Ledger } from './crash-load'

export interface AfterCrash {
  integrity: string
  chainProblems: string[]
  /** Acknowledged messages and alerts the database no longer holds. */
  lost: string[]
  events: number
}

/** Opens the data directory a killed process left (SQLite recovers its WAL) and checks it. */
export function inspectAfterCrash(dataDir: string, keyHex: string, ledger: Ledger): AfterCrash {
  const db = new Database(join(dataDir, 'virgil.db'))
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ')
    const report = verifyLog(db, new Vault(db, aesGcmCipher(Buffer.from(keyHex, 'hex'))).chainKey())
    const hasMessage = db.prepare('SELECT 1 FROM messages WHERE id = ?').pluck()
    const hasAlert = db.prepare('SELECT 1 FROM alerts WHERE id = ?').pluck()
    const lost = [
      ...[...ledger.messages].filter((id) => !hasMessage.get(id)).map((id) => `message ${id}`),
      ...[...ledger.alerts.keys()].filter((id) => !hasAlert.get(id)).map((id) => `alert ${id}`)
    ]
    return { integrity, chainProblems: report.problems.map((p) => `#${p.seq}: ${p.reason}`), lost, events: report.events }
  } finally {
    db.close()
  }
}

/** Read-only, beside the running process: runs a killed process left half-done must be closed as interrupted. */
export function runsStillRunning(dataDir: string): { running: number; interrupted: number; total: number } {
  const db = new Database(join(dataDir, 'virgil.db'), { readonly: true })
  try {
    const count = (where: string): number => db.prepare(`SELECT count(*) FROM command_runs ${where}`).pluck().get() as number
    return { running: count(`WHERE status = 'running'`), interrupted: count(`WHERE status = 'interrupted'`), total: count('') }
  } finally {
    db.close()
  }
}

/** Tickets at the ServiceNow stand-in: acknowledged alerts without one, and correlation ids filed more than once. */
export function ticketsAtStandin(incidents: Record<string, string>[], ledger: Ledger): { missing: string[]; duplicates: number } {
  const byCorrelation = new Map<string, number>()
  for (const i of incidents) if (i.correlation_id) byCorrelation.set(i.correlation_id, (byCorrelation.get(i.correlation_id) ?? 0) + 1)
  const duplicates = [...byCorrelation.values()].reduce((n, c) => n + Math.max(0, c - 1), 0)
  return { missing: [...ledger.alerts.keys()].filter((id) => !byCorrelation.has(id)), duplicates }
}
