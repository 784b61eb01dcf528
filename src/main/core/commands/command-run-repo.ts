import type { Db } from '../db/open-db'
import { stmt } from '../db/statements'

/** The command_runs table, read (projections write it from command.* events). */

export interface RunRow {
  incident_id: string
  line: string
  status: string
  actor: string
}

export function findRun(db: Db, runId: string): RunRow | undefined {
  return stmt(db, 'SELECT incident_id, line, status, actor FROM command_runs WHERE run_id = ?').get(runId) as RunRow | undefined
}

/** Runs a stopped process left running. */
export function runningRuns(db: Db): { run_id: string; incident_id: string }[] {
  return stmt(db, `SELECT run_id, incident_id FROM command_runs WHERE status = 'running'`).all() as { run_id: string; incident_id: string }[]
}

export function commandOfRun(db: Db, runId: string): string | undefined {
  return (stmt(db, 'SELECT command FROM command_runs WHERE run_id = ?').get(runId) as { command: string } | undefined)?.command
}

export function incidentOfRun(db: Db, runId: string): string | undefined {
  return (stmt(db, 'SELECT incident_id AS id FROM command_runs WHERE run_id = ?').get(runId) as { id: string } | undefined)?.id
}

/** The commands that succeeded in an incident, in the order they ran. */
export function succeededCommands(db: Db, incidentId: string): string[] {
  return (stmt(db, `SELECT command FROM command_runs WHERE incident_id = ? AND status = 'ok' ORDER BY started_at, rowid`).all(incidentId) as { command: string }[]).map((r) => r.command)
}

/** The lines (as typed) of the runs that succeeded in an incident. */
export function succeededLines(db: Db, incidentId: string): string[] {
  return (stmt(db, `SELECT line FROM command_runs WHERE incident_id = ? AND status = 'ok'`).all(incidentId) as { line: string }[]).map((r) => r.line)
}

export function runCount(db: Db, incidentId: string): number {
  return (stmt(db, 'SELECT count(*) AS n FROM command_runs WHERE incident_id = ?').get(incidentId) as { n: number }).n
}
