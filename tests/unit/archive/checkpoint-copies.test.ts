import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Incident } from '../../../src/shared/domain'
import { compareWithCheckpoint } from '../../../src/main/core/archive/checkpoint'
import { parseCheckpoint } from '../../../src/main/core/archive/checkpoint-store'
import { chainName } from '../../../src/main/core/log/event'
import { rowToEvent } from '../../../src/main/core/log/event-log'
import { latestCheckpointInStream } from '../../../src/main/core/sync/checkpoint-copy'
import { startNatsServer, type NatsServer } from '../../support/nats-server'
import { call, incidentInput, makeCore, type TestCore } from '../core/make-core'
import { shown, startRig, type MirrorRig } from '../mirror/rig'

let nats: NatsServer | undefined
let t: TestCore | undefined
let rig: MirrorRig | undefined
const dirs: string[] = []
afterEach(async () => {
  await t?.dispose()
  await rig?.dispose()
  await nats?.dispose()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  t = rig = nats = undefined
})

const hasNatsServer = spawnSync('nats-server', ['--version']).status === 0

/** What a careful deleter does: drops an incident's last events and re-points its chain head, so the links still hold. */
function deleteTail(dbPath: string, incidentId: string, count: number): void {
  const db = new Database(dbPath)
  try {
    const rows = db.prepare('SELECT seq, origin FROM events WHERE incident_id = ? ORDER BY seq DESC LIMIT ?').all(incidentId, count) as { seq: number; origin: string }[]
    for (const r of rows) db.prepare('DELETE FROM events WHERE seq = ?').run(r.seq)
    const origin = rows[0]?.origin as string
    const last = db.prepare('SELECT hash FROM events WHERE incident_id = ? AND origin = ? ORDER BY seq DESC LIMIT 1').get(incidentId, origin) as { hash: string }
    db.prepare('UPDATE chain_heads SET hash = ?, length = length - ? WHERE chain = ?').run(last.hash, count, chainName(incidentId, origin))
  } finally {
    db.close()
  }
}

/** `virgil verify` as an auditor runs it, with an empty checkpoint folder (the local copies are gone too). */
function verifyCli(tc: TestCore, extra: string[]): { code: number | null; out: string } {
  const empty = mkdtempSync(join(tmpdir(), 'virgil-no-checkpoints-'))
  dirs.push(empty)
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main/cli.ts', 'verify', '--data-dir', tc.dataDir, '--checkpoint-dir', empty, ...extra], {
    env: { ...process.env, VIRGIL_VAULT_KEY: tc.key.toString('hex') },
    encoding: 'utf8',
    timeout: 60_000
  })
  return { code: r.status, out: `${r.stdout}${r.stderr}` }
}

const eventCount = (tc: TestCore, id: string): number => (tc.core.db.prepare('SELECT count(*) AS n FROM events WHERE incident_id = ?').get(id) as { n: number }).n

describe.skipIf(!hasNatsServer)('checkpoints on the team stream (real nats-server)', () => {
  it('sends each closing checkpoint to the stream; verify --nats finds a deleted tail with no local checkpoint left, and passes an untouched log', async () => {
    nats = await startNatsServer()
    t = makeCore({ settingsOverrides: { sync: { enabled: true, servers: nats.url, stream: 'SOC_EVENTS', subjectPrefix: 'soc.events' } } })
    await t.core.sync.current()?.ready()
    const inc = await call<Incident>(t.core, 'incident:create', incidentInput)
    for (const text of ['beacon seen', 'host isolated', 'mail purged']) await call(t.core, 'chat:send', { incidentId: inc.id, text })
    await call(t.core, 'incident:update', { id: inc.id, status: 'closed' })
    const sealed = eventCount(t, inc.id)
    const origin = t.core.log.origin
    const query = { servers: [nats.url], stream: 'SOC_EVENTS', subjectPrefix: 'soc.events', origin }
    const remote = await vi.waitFor(
      async () => {
        const c = await latestCheckpointInStream(query)
        const chain = c?.chains.find((s) => s.incidentId === inc.id)
        if (!c || chain?.count !== sealed) throw new Error('the closing checkpoint is not on the stream yet')
        return c
      },
      { timeout: 15_000, interval: 100 }
    )
    expect(remote.origin).toBe(origin)
    await t.core.close()

    // Negative control: the untouched log matches the stream's checkpoint.
    const clean = verifyCli(t, ['--nats', nats.url])
    expect(clean.out).toContain('from the team stream')
    expect(clean.code, clean.out).toBe(0)

    deleteTail(join(t.dataDir, 'virgil.db'), inc.id, 2)
    const alone = verifyCli(t, [])
    expect(alone.code, 'without a checkpoint a careful deletion passes the links').toBe(0)
    const tampered = verifyCli(t, ['--nats', nats.url])
    expect(tampered.code, tampered.out).toBe(1)
    expect(tampered.out).toMatch(new RegExp(`TAMPERED: ${inc.number} ends early: the checkpoint of .* sealed ${sealed} events, the database holds ${sealed - 2}`))
  }, 90_000)
})

describe('checkpoints in the incident\'s Slack channel (Slack stand-in)', () => {
  it('posts the closing checkpoint before the summary; the copy detects a deleted tail and passes an untouched log', async () => {
    rig = await startRig()
    const incident = await rig.open()
    const channel = await rig.channelOf(incident.id)
    for (const text of ['beacon seen', 'host isolated']) await rig.core.chat.send({ incidentId: incident.id, text }, rig.core.actor())
    await rig.core.incidents.update({ id: incident.id, status: 'closed' }, rig.core.actor())
    await rig.drain()
    await vi.waitFor(() => expect(rig?.slack.channel(channel).is_archived).toBe(true), { timeout: 10_000 })
    const texts = rig.slack.messages(channel).map(shown)
    const at = texts.findIndex((s) => s.startsWith('Checkpoint of INC0000001'))
    expect(at, texts.join('\n---\n')).toBeGreaterThan(0)
    expect(texts.findIndex((s) => s.includes('Closed: INC0000001'))).toBeGreaterThan(at)
    const json = (texts.slice(at).find((s) => s.includes('"signature"')) ?? '').replace(/^`+\n?|\n?`+$/g, '')
    const copy = parseCheckpoint(json)
    expect(copy.scope).toBe(incident.id)

    const dbPath = join(rig.t.dataDir, 'virgil.db')
    const events = () => (rig?.core.db.prepare('SELECT * FROM events ORDER BY seq').all() as Parameters<typeof rowToEvent>[0][]).map(rowToEvent)
    expect(compareWithCheckpoint(events(), copy)).toEqual([])
    const file = join(rig.t.dataDir, 'slack-checkpoint.json')
    writeFileSync(file, json)
    // Deliveries after the seal (the summary, the archiving) are past it; the deletion reaches one sealed event.
    const sealed = copy.chains.find((c) => c.incidentId === incident.id)?.count ?? 0
    const pastSeal = eventCount(rig.t, incident.id) - sealed
    await rig.core.close()
    deleteTail(dbPath, incident.id, pastSeal + 1)
    const db = new Database(dbPath, { readonly: true })
    const after = (db.prepare('SELECT * FROM events ORDER BY seq').all() as Parameters<typeof rowToEvent>[0][]).map(rowToEvent)
    db.close()
    expect(compareWithCheckpoint(after, copy).map((p) => p.reason)).toEqual([expect.stringMatching(/^ends early: .* the database holds \d+/)])
    const cli = verifyCli(rig.t, ['--checkpoint', file])
    expect(cli.code, cli.out).toBe(1)
    expect(cli.out).toContain('TAMPERED: INC0000001 ends early')
  }, 90_000)
})
