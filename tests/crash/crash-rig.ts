import { afterAll, beforeAll, expect } from 'vitest'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startServiceNow, type ServiceNowStandin } from '../standins/servicenow'
import { ALERT_SECRET, openSocket } from './crash-load'

export interface CrashRig {
  /** The ServiceNow stand-in tickets land at. */
  snow(): ServiceNowStandin
  /** A fresh data dir, removed after the file's tests. */
  newDir(prefix: string): string
  /** Serve mode's environment: ServiceNow at the stand-in, a VirusTotal that never answers, AWS nowhere. */
  env(alertsPort: number, logLevel: string): Record<string, string>
  /** Secrets, the ServiceNow settings and one incident, through the served socket; returns the incident id. */
  seed(url: string, vtKey: string, title: string): Promise<string>
}

/** The services both crash harnesses run against, started before the file's tests and stopped after. */
export function useCrashRig(): CrashRig {
  let snow: ServiceNowStandin | undefined
  let slowVt: Server | undefined
  const dirs: string[] = []

  beforeAll(async () => {
    if (!existsSync(resolve('out/main/serve.js'))) throw new Error('The crash harness runs the built serve mode: run `npm run build` first.')
    snow = await startServiceNow()
    // A VirusTotal that never answers: lookups are in flight when the process dies.
    slowVt = createServer(() => undefined).listen(0, '127.0.0.1')
    await new Promise((r) => slowVt?.once('listening', r))
  })
  afterAll(async () => {
    slowVt?.closeAllConnections()
    slowVt?.close()
    await snow?.close()
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
  })

  const started = (): ServiceNowStandin => {
    if (!snow) throw new Error('The crash rig is used before its beforeAll ran.')
    return snow
  }
  return {
    snow: started,
    newDir(prefix) {
      const dir = mkdtempSync(join(tmpdir(), prefix))
      dirs.push(dir)
      return dir
    },
    env: (alertsPort, logLevel) => ({
      SERVICENOW_BASE_URL: started().url,
      VIRUSTOTAL_BASE_URL: `http://127.0.0.1:${(slowVt?.address() as AddressInfo).port}`,
      VIRGIL_AWS_ENDPOINT: 'http://127.0.0.1:9',
      VIRGIL_ALERTS_PORT: String(alertsPort),
      VIRGIL_LOG_LEVEL: logLevel
    }),
    async seed(url, vtKey, title) {
      const s = await openSocket(url)
      for (const [name, value] of [['alerts.token', ALERT_SECRET], ['servicenow.password', 'standin-password'], ['virustotal.apiKey', vtKey]]) {
        expect(await s.ask('secret:set', { name, value })).toMatchObject({ ok: true })
      }
      expect(await s.ask('settings:update', { patch: { servicenow: { baseUrl: started().url, user: 'virgil.integration', assignmentGroup: '' } } })).toMatchObject({ ok: true })
      const made = await s.ask('incident:create', { title, source: 'email', leader: 'Ana', impact: 'low', urgency: 'low' })
      s.close()
      return (made.value as { id: string }).id
    }
  }
}
