import { describe, expect, it } from 'vitest'
import type { UserRef } from '../../../src/shared/domain'
import type { LogEvent } from '../../../src/main/core/log/event'
import type { EventDraft } from '../../../src/main/core/log/event-log'
import { listQuarantine } from '../../../src/main/core/log/quarantine'
import { verifyLog } from '../../../src/main/core/log/verify'
import { keyOf, ROSTER_BUCKET } from '../../../src/main/core/team/roster-kv'
import { teamKey, toWire } from '../../../src/main/core/sync/wire'
import { Vault, aesGcmCipher } from '../../../src/main/core/vault/vault'
import { call, incidentInput, makeCore, type TestCore } from '../core/make-core'
import { ANA, BO, LEE, hasNatsServer, seatTeam, natsRig, until, workstation } from './team'

const rig = natsRig()


const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Publishes a writer's events as its workstation would; `tamper` changes one on the way. */
async function publish(events: LogEvent[], tamper?: (e: LogEvent) => LogEvent | undefined): Promise<void> {
  const js = rig.raw!.jetstream()
  for (const e of events) {
    const wire = toWire(teamKey(null), e)
    const sent = tamper?.(e) ? { ...wire, payload: tamper(e)!.payload } : wire
    await js.publish(`soc.events.${e.incidentId}`, JSON.stringify(sent), { msgID: e.id })
  }
}

const restrictedGroups = (t: TestCore, id: string): string | undefined =>
  (t.core.db.prepare('SELECT restricted_groups AS g FROM incidents WHERE id = ?').get(id) as { g: string } | undefined)?.g
const stored = (t: TestCore, id: string): string[] =>
  (t.core.db.prepare('SELECT type, actor, payload FROM events WHERE incident_id = ? ORDER BY seq').all(id) as { type: string; actor: string; payload: string }[]).map(
    (e) => `${e.type} ${(JSON.parse(e.actor) as UserRef).id} ${JSON.stringify((JSON.parse(e.payload) as { groups?: string[]; text?: string }).groups ?? (JSON.parse(e.payload) as { text?: string }).text ?? '')}`
  )
const problems = (t: TestCore) => verifyLog(t.core.db, new Vault(t.core.db, aesGcmCipher(t.key)).chainKey()).problems

describe.skipIf(!hasNatsServer)('a promotion that arrives after what it allowed releases it from quarantine (real nats-server)', () => {
  it('applies the promoted lead\'s restrictions in order, exactly once; the rest stays held; the chain verifies', async () => {
    const nats = await rig.start()
    const b = await workstation(rig.cores, nats.url)
    await seatTeam(b)
    const raw = await rig.connect()
    // Lee promoted Bo first (stamped now); the team's bucket gives it to B only after Bo's restrictions.
    await sleep(5)
    const promotion = { id: BO.id, name: BO.name, handle: 'bo', role: 'lead', groups: [], updatedAt: Date.now() }
    await sleep(5)
    const a = makeCore()
    rig.cores.push(a)
    const id = '01JRELEASECASE000000000000'
    const drafts: EventDraft[] = [
      { type: 'incident.opened', incidentId: id, actor: LEE, payload: { ...incidentInput, number: 'INC9200001', priority: 'P3' } },
      { type: 'incident.restricted', incidentId: id, actor: BO, payload: { groups: ['insider'] } },
      { type: 'message.posted', incidentId: id, actor: ANA, payload: { text: 'a viewer writing in the room' } },
      { type: 'message.posted', incidentId: id, actor: BO, payload: { text: 'tampered on the way' } },
      { type: 'incident.restricted', incidentId: id, actor: BO, payload: { groups: ['insider', 'legal'] } },
      { type: 'message.posted', incidentId: id, actor: BO, payload: { text: 'after the restrictions' } }
    ]
    const events = a.core.log.append(drafts)
    await publish(events, (e) => (e.payload.text === 'tampered on the way' ? { ...e, payload: { text: 'changed by someone' } } : undefined))
    await until(() => stored(b, id).includes('message.posted user:bo "after the restrictions"'), 'the last line to apply', 15_000)
    expect(restrictedGroups(b, id)).toBe('[]')
    expect(listQuarantine(b.core.db).map((q) => q.reason).sort()).toEqual([
      'Ana Alves is a viewer: only analysts may write in incident rooms.',
      'Bo Berg is an analyst: only leads may restrict incidents.',
      'Bo Berg is an analyst: only leads may restrict incidents.',
      expect.stringMatching(/^its content does not match its hash/)
    ])

    const kv = await raw.jetstream().views.kv(ROSTER_BUCKET, { history: 5 })
    await kv.put(keyOf(BO.id), JSON.stringify(promotion))
    await until(() => restrictedGroups(b, id) === '["insider","legal"]', 'Bo\'s restrictions to apply', 15_000)
    // Released in the order they were written, after what had applied; the tampered line and the viewer's stay held.
    expect(stored(b, id)).toEqual([
      'incident.opened user:lee ""',
      'message.posted user:bo "after the restrictions"',
      'incident.restricted user:bo ["insider"]',
      'incident.restricted user:bo ["insider","legal"]'
    ])
    expect(listQuarantine(b.core.db).map((q) => q.reason).sort()).toEqual([
      'Ana Alves is a viewer: only analysts may write in incident rooms.',
      expect.stringMatching(/^its content does not match its hash/)
    ])
    expect(problems(b)).toEqual([])

    // Exactly once: another roster change and a restart judge again and apply nothing twice.
    await call(b.core, 'roster:set', { id: LEE.id, name: LEE.name, handle: 'lee', role: 'lead', groups: ['legal'] })
    await b.reopen()
    await until(() => b.core.sync.current(), 'sync to start again')
    await sleep(300)
    expect(stored(b, id).filter((s) => s.startsWith('incident.restricted'))).toHaveLength(2)
    expect(problems(b)).toEqual([])
  }, 40_000)

  it('a restriction released late does not undo a newer one', async () => {
    const nats = await rig.start()
    const b = await workstation(rig.cores, nats.url)
    await seatTeam(b)
    const raw = await rig.connect()
    await sleep(5)
    const promotion = { id: BO.id, name: BO.name, handle: 'bo', role: 'lead', groups: [], updatedAt: Date.now() }
    const a = makeCore()
    rig.cores.push(a)
    const id = '01JRELEASELATE000000000000'
    await sleep(5)
    const events = a.core.log.append([
      { type: 'incident.opened', incidentId: id, actor: LEE, payload: { ...incidentInput, number: 'INC9200002', priority: 'P3' } },
      { type: 'incident.restricted', incidentId: id, actor: BO, payload: { groups: ['insider'] } },
      { type: 'incident.restricted', incidentId: id, actor: LEE, payload: { groups: [] } },
      { type: 'message.posted', incidentId: id, actor: LEE, payload: { text: 'open to all again' } }
    ])
    await publish(events)
    await until(() => stored(b, id).includes('message.posted user:lee "open to all again"'), 'the last line to apply', 15_000)
    const kv = await raw.jetstream().views.kv(ROSTER_BUCKET, { history: 5 })
    await kv.put(keyOf(BO.id), JSON.stringify(promotion))
    await until(() => stored(b, id).includes('incident.restricted user:bo ["insider"]'), 'Bo\'s restriction to apply', 15_000)
    expect(restrictedGroups(b, id)).toBe('[]')
    expect(problems(b)).toEqual([])
  }, 40_000)
})
