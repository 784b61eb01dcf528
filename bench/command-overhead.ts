import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { createCore } from '../src/main/app'
import { aesGcmCipher } from '../src/main/core/vault/vault'
import type { Incident, Message } from '../src/shared/domain'
import { startVirusTotal } from '../tests/standins/virustotal'
import { figure, summarize } from './stats'

const N = 300

/**
 * `vtip` from submit to output recorded and pushed to the UI, against the same lookup made directly
 * over HTTP to the same loopback VirusTotal stand-in, interleaved in one run.
 */
export async function benchCommandOverhead(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'virgil-bench-cmd-'))
  const vt = await startVirusTotal()
  const core = createCore({ dataDir: dir, cipher: aesGcmCipher(randomBytes(32)), mode: 'serve', version: 'bench' })
  try {
    const actor = core.actor()
    await core.settings.update({ virustotal: { baseUrl: vt.url, cacheTtlMinutes: 0, perMinute: 1000, perDay: 1_000_000 } }, actor)
    await core.settings.setSecret('virustotal.apiKey', vt.apiKey, actor)
    const created = await core.dispatch('incident:create', { title: 'Bench', source: 'email', leader: 'Ana', impact: 'low', urgency: 'low' }, actor)
    if (!created.ok) throw new Error(created.error.message)
    const incident = created.value as Incident
    const finished = new Map<string, () => void>()
    core.bus.subscribe((event, payload) => {
      const m = payload as Message
      if (event === 'message:changed' && m.command && m.command.status !== 'running') finished.get(m.command.runId)?.()
    })
    const direct: number[] = []
    const command: number[] = []
    for (let i = 0; i < N + 20; i++) {
      let t0 = performance.now()
      const res = await fetch(`${vt.url}/api/v3/ip_addresses/8.8.8.8`, { headers: { 'x-apikey': vt.apiKey } })
      await res.json()
      const d = performance.now() - t0
      t0 = performance.now()
      let runId = ''
      const done = new Promise<void>((resolve) => {
        core.bus.subscribe((event, payload) => {
          const m = payload as Message
          if (event === 'message:added' && m.command && !runId) {
            runId = m.command.runId
            finished.set(runId, resolve)
          }
        })
      })
      const sent = await core.dispatch('chat:send', { incidentId: incident.id, text: '!vtip 8.8.8.8' }, actor)
      if (!sent.ok) throw new Error(sent.error.message)
      await done
      const c = performance.now() - t0
      if (i >= 20) {
        direct.push(d)
        command.push(c)
      }
    }
    const ds = summarize(direct)
    const cs = summarize(command)
    const overhead = summarize(command.map((c, i) => c - (direct[i] ?? 0)))
    figure('vtip direct HTTP lookup p50', ds.p50, 'ms')
    figure('vtip as a command p50', cs.p50, 'ms')
    figure('vtip as a command p99', cs.p99, 'ms')
    figure('command overhead p50', overhead.p50, 'ms')
    figure('command overhead p99', overhead.p99, 'ms (target < 25)')
    figure('command / direct lookup p50', cs.p50 / ds.p50, 'ratio')
  } finally {
    await core.close()
    await vt.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
