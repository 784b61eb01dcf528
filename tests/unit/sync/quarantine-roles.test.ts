import { describe, expect, it } from 'vitest'
import type { UserRef } from '../../../src/shared/domain'
import { eventRefusal } from '../../../src/main/core/access/authorize'
import type { LogEvent } from '../../../src/main/core/log/event'
import type { EventDraft } from '../../../src/main/core/log/event-log'
import { listQuarantine } from '../../../src/main/core/log/quarantine'
import { verifyLog } from '../../../src/main/core/log/verify'
import { teamKey, toWire } from '../../../src/main/core/sync/wire'
import { Vault, aesGcmCipher } from '../../../src/main/core/vault/vault'
import { call, incidentInput, makeCore } from '../core/make-core'
import { ANA, BO, LEE, hasNatsServer, seatTeam, natsRig, until, workstation } from './team'
import { durableName } from '../../../src/main/core/sync/durable-consumer'

const rig = natsRig()

const ZOE: UserRef = { id: 'user:zoe', name: 'Zoe (not on the roster)' }

describe.skipIf(!hasNatsServer)('an event whose author lacks the role is quarantined, never applied (real nats-server)', () => {
  it('a viewer\'s line and an analyst\'s restriction are held with the reason in words; a lead\'s restriction applies', async () => {
    const nats = await rig.start()
    const b = await workstation(rig.cores, nats.url)
    await seatTeam(b)
    // The writer: a real core that is not connected, whose events we publish on the wire ourselves.
    const a = makeCore()
    rig.cores.push(a)
    const id = '01JROLESCASE00000000000000'
    const drafts: EventDraft[] = [
      { type: 'incident.opened', incidentId: id, actor: LEE, payload: { ...incidentInput, number: 'INC9100001', priority: 'P3' } },
      { type: 'message.posted', incidentId: id, actor: ANA, payload: { text: 'a viewer writing in the room' } },
      { type: 'command.started', incidentId: id, actor: ANA, payload: { runId: 'run-ana', line: '!whois example.com', command: 'whois', status: 'running', danger: 'safe' } },
      { type: 'incident.restricted', incidentId: id, actor: BO, payload: { groups: ['insider'] } },
      { type: 'message.posted', incidentId: id, actor: BO, payload: { text: 'an analyst line' } },
      { type: 'message.posted', incidentId: id, actor: ANA, payload: { text: 'Ana said this in Slack', via: 'slack' } },
      { type: 'message.posted', incidentId: id, actor: ZOE, payload: { text: 'someone this roster does not know' } },
      { type: 'incident.restricted', incidentId: id, actor: LEE, payload: { groups: ['insider'] } }
    ]
    const events = a.core.log.append(drafts)
    const raw = await rig.connect()
    const js = raw.jetstream()
    for (const e of events) await js.publish(`soc.events.${id}`, JSON.stringify(toWire(teamKey(null), e)), { msgID: e.id })

    const restricted = (): string | undefined => (b.core.db.prepare('SELECT restricted_groups AS g FROM incidents WHERE id = ?').get(id) as { g: string } | undefined)?.g
    await until(() => restricted() === '["insider"]', 'the lead\'s restriction to apply', 15_000)
    const held = listQuarantine(b.core.db)
    expect(held.map((q) => [q.type, q.reason]).sort()).toEqual([
      ['command.started', 'Ana Alves is a viewer: only analysts may run commands.'],
      ['incident.restricted', 'Bo Berg is an analyst: only leads may restrict incidents.'],
      ['message.posted', 'Ana Alves is a viewer: only analysts may write in incident rooms.']
    ])
    // Nothing held reached the events table; the rest applied in order, and the chain still verifies.
    const stored = b.core.db.prepare('SELECT type, actor FROM events WHERE incident_id = ? ORDER BY seq').all(id) as { type: string; actor: string }[]
    expect(stored.map((e) => `${e.type} ${(JSON.parse(e.actor) as UserRef).id}`)).toEqual([
      'incident.opened user:lee',
      'message.posted user:bo',
      'message.posted user:ana',
      'message.posted user:zoe',
      'incident.restricted user:lee'
    ])
    expect(b.core.db.prepare('SELECT count(*) AS n FROM command_runs WHERE run_id = ?').get('run-ana')).toEqual({ n: 0 })
    expect(verifyLog(b.core.db, new Vault(b.core.db, aesGcmCipher(b.key)).chainKey()).problems).toEqual([])
    // Mo is not in insider, so the room is hidden from Mo now; the lines are in the file as applied.
    const lines = (b.core.db.prepare('SELECT text FROM messages WHERE incident_id = ? ORDER BY seq').all(id) as { text: string }[]).map((m) => m.text)
    expect(lines).toContain('an analyst line')
    expect(lines).not.toContain('a viewer writing in the room')
    const consumer = durableName(b.core.log.origin)
    await until(async () => (await (await raw.jetstreamManager()).consumers.info('SOC_EVENTS', consumer)).num_ack_pending === 0, 'nothing left unacked')
  }, 40_000)
})

describe('the role an event from another workstation needs, read from the same table as the channels', () => {
  const event = (type: string, actor: UserRef, payload: Record<string, unknown>, incidentId: string | null = 'inc-1', at = Date.now()): Pick<LogEvent, 'type' | 'hlc' | 'incidentId' | 'actor' | 'payload'> => ({
    type,
    hlc: `${String(at).padStart(15, '0')}-000000-other`,
    incidentId,
    actor,
    payload
  })

  it('confirming a dangerous command, reopening an archived incident and changing the roster need a lead', async () => {
    const t = makeCore()
    rig.cores.push(t)
    await seatTeam(t)
    const db = t.core.db
    expect(eventRefusal(db, event('command.confirmed', BO, { runId: 'r1', confirm: true }))).toBe('Bo Berg is an analyst: only leads may confirm dangerous commands.')
    expect(eventRefusal(db, event('command.confirmed', BO, { runId: 'r1', confirm: false }))).toBeNull()
    expect(eventRefusal(db, event('command.confirmed', ANA, { runId: 'r1', confirm: false }))).toBe('Ana Alves is a viewer: only analysts may cancel commands.')
    expect(eventRefusal(db, event('command.confirmed', LEE, { runId: 'r1', confirm: true }))).toBeNull()

    const inc = await call<{ id: string }>(t.core, 'incident:create', incidentInput)
    const reopen = (who: UserRef) => event('incident.updated', who, { changes: { status: 'investigating' }, before: { status: 'closed' }, reason: 'more found' }, inc.id)
    expect(eventRefusal(db, reopen(BO))).toBeNull() // not archived here: an ordinary change
    await call(t.core, 'incident:update', { id: inc.id, status: 'closed' })
    expect(eventRefusal(db, reopen(BO))).toBe('Bo Berg is an analyst: only leads may reopen archived incidents.')
    expect(eventRefusal(db, reopen(LEE))).toBeNull()

    const entry = (role: string, groups: string[] = []) => ({ entry: { id: BO.id, name: BO.name, handle: 'bo', role, groups, updatedAt: Date.now() } })
    expect(eventRefusal(db, event('roster.set', BO, entry('lead'), null))).toBe('Bo Berg is an analyst: only leads may change the team roster and roles.')
    expect(eventRefusal(db, event('roster.set', BO, entry('analyst', ['insider']), null))).toMatch(/only leads may change the team roster/)
    expect(eventRefusal(db, event('roster.set', ANA, entry('viewer'), null))).toMatch(/^Ana Alves is a viewer/)
    expect(eventRefusal(db, event('roster.set', BO, entry('analyst'), null))).toBeNull() // restating themselves
    expect(eventRefusal(db, event('roster.set', LEE, entry('lead'), null))).toBeNull()
    // Authors this roster does not know keep working as before.
    for (const who of [ZOE, { id: 'system', name: 'Virgil' }, { id: 'alert', name: 'Alert' }]) {
      expect(eventRefusal(db, event('incident.restricted', who, { groups: ['legal'] }))).toBeNull()
    }
  })

  it('judges an old event by the role its author had when it was written', async () => {
    const t = makeCore()
    rig.cores.push(t)
    await seatTeam(t)
    // Bo wrote a line as an analyst; a lead has made Bo a viewer since.
    const written = Date.now()
    expect(eventRefusal(t.core.db, event('message.posted', BO, { text: 'a line' }))).toBeNull()
    await new Promise((r) => setTimeout(r, 5))
    await call(t.core, 'roster:set', { id: BO.id, name: BO.name, handle: 'bo', role: 'viewer', groups: [] })
    expect(eventRefusal(t.core.db, event('message.posted', BO, { text: 'old line' }, 'inc-1', written))).toBeNull()
    expect(eventRefusal(t.core.db, event('message.posted', BO, { text: 'new line' }))).toBe('Bo Berg is a viewer: only analysts may write in incident rooms.')
  })
})
