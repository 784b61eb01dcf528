import { describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import { startServe } from '../e2e/support/serve-process'
import { freePort } from '../support/free-port'
import { openSocket, runLoad, type Ledger } from './crash-load'
import { useCrashRig } from './crash-rig'
import { inspectAfterCrash, runsStillRunning, ticketsAtStandin } from './crash-checks'

/**
 * An uncaught exception leaves the process in a state nobody can vouch for. Serve mode then closes
 * its core and opens it again, in the same process, on the same link. Under load (chat, commands,
 * alerts, a lookup hanging), faults are thrown three times; each time the same link serves again,
 * runs cut off are ended rather than left running, and at the end nothing acknowledged is missing.
 */
const FAULTS = 3
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
const rig = useCrashRig()

describe('restart after an uncaught exception', () => {
  it(`restarts the core on the same link ${FAULTS} times and loses no acknowledged event`, async () => {
    const dir = rig.newDir('virgil-fault-')
    const key = randomBytes(32).toString('hex')
    const alertsPort = await freePort()
    const proc = await startServe({ VIRGIL_TEST_FAULT_ON_SIGUSR2: '1', ...rig.env(alertsPort, 'warn') }, dir, key)
    try {
      const incidentId = await rig.seed(proc.url, 'fault-vt-key', 'Fault restart room')

      const ledger: Ledger = { messages: new Set(), alerts: new Map(), commandsSent: 0 }
      const restarted = () => proc.output().match(/restarted its core after the fault/g)?.length ?? 0
      for (let fault = 1; fault <= FAULTS; fault++) {
        let faultAt!: () => void
        const faulted = new Promise<void>((r) => (faultAt = r))
        // Load runs until its socket is cut by the restart (or a second after the fault).
        const load = runLoad(proc.url, `http://127.0.0.1:${alertsPort}`, incidentId, ledger, fault, faulted.then(() => sleep(1000)))
        await sleep(300 + fault * 150)
        proc.signal('SIGUSR2')
        faultAt()
        await load
        for (let i = 0; i < 100 && restarted() < fault; i++) await sleep(50)
        expect(restarted(), proc.output()).toBe(fault)
        // Same process, same link: it answers again.
        expect(proc.isRunning()).toBe(true)
        const again = await openSocket(proc.url)
        const said = await again.ask('chat:send', { incidentId, text: `after fault ${fault}` })
        expect(said).toMatchObject({ ok: true })
        ledger.messages.add((said.value as { id: string }).id)
        again.close()
        // The clean close ended the lookups the fault cut off (failed with "shutting down"), none left running.
        expect(runsStillRunning(dir).running).toBe(0)
      }
      let tickets = ticketsAtStandin(rig.snow().incidents, ledger)
      for (let i = 0; i < 200 && tickets.missing.length > 0; i++) {
        await sleep(100)
        tickets = ticketsAtStandin(rig.snow().incidents, ledger)
      }
      await proc.stop()
      const after = inspectAfterCrash(dir, key, ledger)
      const runs = runsStillRunning(dir)
      console.log(
        `fault restarts: ${restarted()} / acknowledged events lost: ${after.lost.length} of ${ledger.messages.size + ledger.alerts.size}` +
          ` / duplicates at stand-ins: ${tickets.duplicates} / runs ended: ${runs.total}, left running: ${runs.running}`
      )
      expect(ledger.messages.size).toBeGreaterThan(FAULTS)
      expect(after.lost).toEqual([])
      expect(after.integrity).toBe('ok')
      expect(after.chainProblems).toEqual([])
      expect(runs.running).toBe(0)
      expect(runs.total).toBeGreaterThan(FAULTS)
      expect(tickets.duplicates).toBe(0)
      expect(tickets.missing).toEqual([])
    } finally {
      await proc.stop()
    }
  }, 180_000)
})
