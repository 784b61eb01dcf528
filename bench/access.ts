import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { createCore } from '../src/main/app'
import { hiddenIncidents } from '../src/main/core/access/visibility'
import { aesGcmCipher } from '../src/main/core/vault/vault'
import type { Incident } from '../src/shared/domain'
import { figure, summarize } from './stats'

const INCIDENTS = 2000
const RESTRICTED = 100
const N = 2000

/**
 * What the one access check costs: the authorizer alone and the restricted-incident scan, each
 * against a chat line sent through the whole dispatch (parse, authorize, append, project, push) in
 * the same run, on a log with 2,000 incidents of which 100 are restricted.
 */
export async function benchAccess(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'virgil-bench-access-'))
  const core = createCore({ dataDir: dir, cipher: aesGcmCipher(randomBytes(32)), mode: 'serve', version: 'bench', checkpointDir: `${dir}-checkpoints` })
  try {
    core.team.roster.identify({ name: 'Ana', handle: 'ana' }, core.actor())
    const actor = core.actor()
    const ids: string[] = []
    for (let i = 0; i < INCIDENTS; i++) {
      const r = await core.dispatch('incident:create', { title: `Case ${i}`, source: 'email', leader: 'Ana', impact: 'low', urgency: 'low' }, actor)
      if (!r.ok) throw new Error(r.error.message)
      ids.push((r.value as Incident).id)
    }
    for (const id of ids.slice(0, RESTRICTED)) await core.dispatch('incident:restrict', { id, groups: ['legal'] }, actor)
    const target = ids[ids.length - 1] as string
    const send: number[] = []
    const check: number[] = []
    const scan: number[] = []
    for (let i = 0; i < N; i++) {
      const input = { incidentId: target, text: `line ${i}` }
      let t = performance.now()
      const r = await core.dispatch('chat:send', input, actor)
      send.push(performance.now() - t)
      if (!r.ok) throw new Error(r.error.message)
      t = performance.now()
      core.team.authorize('chat:send', input, actor)
      check.push(performance.now() - t)
      t = performance.now()
      hiddenIncidents(core.db, actor)
      scan.push(performance.now() - t)
    }
    const s = summarize(send)
    const c = summarize(check)
    const h = summarize(scan)
    figure('chat:send through dispatch p50', s.p50, 'ms')
    figure('authorize alone p50', c.p50 * 1000, 'µs')
    figure('restricted scan (2,000 incidents, 100 restricted) p50', h.p50 * 1000, 'µs')
    figure('authorize / chat:send (p50)', c.p50 / s.p50, 'ratio')
    figure('restricted scan / chat:send (p50)', h.p50 / s.p50, 'ratio')
  } finally {
    await core.close()
    rmSync(dir, { recursive: true, force: true })
    rmSync(`${dir}-checkpoints`, { recursive: true, force: true })
  }
}
