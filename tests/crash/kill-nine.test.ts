import { describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import { startServe, type ServeProcess } from '../e2e/support/serve-process'
import { freePort } from '../support/free-port'
import { runLoad, type Ledger } from './crash-load'
import { useCrashRig } from './crash-rig'
import { inspectAfterCrash, runsStillRunning, ticketsAtStandin } from './crash-checks'

const ROUNDS = Number(process.env.VIRGIL_KILL_ROUNDS ?? 50)
const SEED = Number(process.env.VIRGIL_KILL_SEED ?? Date.now() % 2 ** 31)

/** mulberry32: the kill points are reproducible from the printed seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

const rig = useCrashRig()

async function prepared(extraEnv: Record<string, string> = {}): Promise<{ env: Record<string, string>; dir: string; key: string; alertsUrl: string; incidentId: string }> {
  const dir = rig.newDir('virgil-crash-')
  const key = randomBytes(32).toString('hex')
  const port = await freePort()
  const env = rig.env(port, 'error')
  const proc = await startServe(env, dir, key)
  const incidentId = await rig.seed(proc.url, 'crash-harness-vt-key', 'Crash harness room')
  await proc.stop()
  return { env: { ...env, ...extraEnv }, dir, key, alertsUrl: `http://127.0.0.1:${port}`, incidentId }
}

async function crashRounds(rounds: number, setup: Awaited<ReturnType<typeof prepared>>, ledger: Ledger, random: () => number) {
  const figures = { rounds: 0, lost: [] as string[], integrityBad: [] as string[], chainBad: [] as string[], leftRunning: 0, interrupted: 0 }
  for (let round = 1; round <= rounds; round++) {
    const proc: ServeProcess = await startServe(setup.env, setup.dir, setup.key)
    const runs = runsStillRunning(setup.dir)
    figures.leftRunning += runs.running
    figures.interrupted = runs.interrupted
    const killAfter = 150 + Math.floor(random() * 900)
    const load = runLoad(proc.url, setup.alertsUrl, setup.incidentId, ledger, round, sleep(killAfter + 100))
    await sleep(killAfter)
    await proc.stop('SIGKILL')
    await load
    const after = inspectAfterCrash(setup.dir, setup.key, ledger)
    figures.rounds++
    figures.lost.push(...after.lost)
    if (after.integrity !== 'ok') figures.integrityBad.push(`round ${round}: ${after.integrity}`)
    if (after.chainProblems.length) figures.chainBad.push(`round ${round}: ${after.chainProblems.join(', ')}`)
  }
  return figures
}

describe('kill -9 at random points', () => {
  it(`loses no acknowledged event, keeps the file and the chain whole, and sends each ticket once (${ROUNDS} rounds)`, async () => {
    const setup = await prepared()
    const ledger: Ledger = { messages: new Set(), alerts: new Map(), commandsSent: 0 }
    const started = Date.now()
    const f = await crashRounds(ROUNDS, setup, ledger, rng(SEED))
    // One last start: recovery closes the runs the last kill cut off, and the outbox drains.
    const last = await startServe(setup.env, setup.dir, setup.key)
    const runs = runsStillRunning(setup.dir)
    let tickets = ticketsAtStandin(rig.snow().incidents, ledger)
    for (let i = 0; i < 200 && tickets.missing.length > 0; i++) {
      await sleep(150)
      tickets = ticketsAtStandin(rig.snow().incidents, ledger)
    }
    await last.stop()
    console.log(
      `kill -9 rounds: ${f.rounds} (seed ${SEED}, ${Math.round((Date.now() - started) / 1000)} s) / acknowledged events lost: ${f.lost.length} of ${ledger.messages.size + ledger.alerts.size}` +
        ` / duplicates at stand-ins: ${tickets.duplicates} / tickets missing: ${tickets.missing.length} / runs interrupted: ${runs.interrupted}, left running: ${f.leftRunning + runs.running}`
    )
    expect(ledger.messages.size).toBeGreaterThan(0)
    expect(ledger.alerts.size).toBeGreaterThan(0)
    expect(f.lost).toEqual([])
    expect(f.integrityBad).toEqual([])
    expect(f.chainBad).toEqual([])
    expect(f.leftRunning + runs.running).toBe(0)
    expect(runs.interrupted).toBeGreaterThan(0)
    expect(tickets.duplicates).toBe(0)
    expect(tickets.missing).toEqual([])
  }, 900_000)

  it('catches a build that acknowledges before it commits (the negative control)', async () => {
    const setup = await prepared({ VIRGIL_TEST_UNSAFE_DEFER_COMMIT_MS: '3000' })
    const ledger: Ledger = { messages: new Set(), alerts: new Map(), commandsSent: 0 }
    const f = await crashRounds(3, setup, ledger, rng(SEED + 1))
    console.log(`kill -9 negative control: ${f.rounds} rounds, acknowledged events lost: ${f.lost.length} (must be > 0)`)
    expect(f.lost.length).toBeGreaterThan(0)
  }, 300_000)
})
