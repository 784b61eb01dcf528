import { afterEach, describe, expect, it } from 'vitest'
import type { Incident } from '../../../src/shared/domain'
import { GENESIS, type LogEvent } from '../../../src/main/core/log/event'
import { EVENT_TYPES, payloadOf, payloadProblem, typed } from '../../../src/main/core/log/events'
import { listQuarantine } from '../../../src/main/core/log/quarantine'
import { call, incidentInput, makeCore, type TestCore } from './make-core'

let t: TestCore | undefined
afterEach(async () => {
  await t?.dispose()
  t = undefined
})

const remote = (over: Partial<LogEvent>): LogEvent => ({
  id: `01REMOTE${Math.random().toString(36).slice(2, 12).toUpperCase()}`,
  origin: 'wsremote',
  hlc: `${Date.now()}-0000-wsremote`,
  type: 'message.posted',
  incidentId: '01REMOTEINCIDENT000000000A',
  actor: { id: 'analyst:bo', name: 'Bo' },
  payload: { text: 'hello', via: 'app' },
  prevHash: GENESIS,
  hash: 'a'.repeat(64),
  ...over
})

describe('the event catalogue', () => {
  it('knows every event type and says in words why a payload does not fit', () => {
    expect(EVENT_TYPES).toContain('incident.restricted')
    expect(EVENT_TYPES).toContain('incident.numbered')
    expect(payloadProblem('message.posted', { text: 'hi', via: 'app', extra: 1 })).toBeNull()
    expect(payloadProblem('message.posted', { text: 7 })).toMatch(/message.posted payload does not fit: text/)
    expect(payloadProblem('incident.restricted', { groups: ['Insider Team'] })).toMatch(/groups.0/)
    expect(payloadProblem('payroll.exported', {})).toMatch(/not an event type/)
  })

  it('readers take payloads typed by the catalogue, and it names the fields projections read', () => {
    const posted = remote({})
    expect(payloadOf(posted, 'message.posted')?.text).toBe('hello')
    expect(payloadOf(posted, 'message.edited')).toBeNull()
    expect(typed({ ...posted, type: 'payroll.exported' })).toBeNull()
    const e = typed(posted)
    expect(e?.type === 'message.posted' ? e.payload.via : null).toBe('app')
    // What projections and the mirror read is checked before a remote event is applied.
    expect(payloadProblem('slack.linked', { channelName: 'inc-1' })).toMatch(/slack.linked payload does not fit: channelId/)
    expect(payloadProblem('evidence.added', { card: { name: 'a.pdf' } })).toMatch(/evidence.added payload does not fit: card/)
    expect(payloadProblem('alert.received', { alertId: 'a1', source: 'splunk', type: 't', severity: '9', title: 'x', fields: {} })).toMatch(/severity/)
    expect(payloadProblem('roster.set', { entry: { id: 'u:a', name: 'A', handle: 'a', role: 'analyst', groups: 'insider' } })).toMatch(/entry.groups/)
    // Fields older events lack stay optional.
    expect(payloadProblem('command.started', { runId: 'r1', line: '!help', command: 'help', status: 'running', danger: 'safe' })).toBeNull()
  })

  it('a replicated event whose projection fails is quarantined, and the writer\'s next event still applies', async () => {
    t = makeCore()
    // A message for an incident this workstation does not have: the projection's foreign key fails.
    const first = remote({ incidentId: '01NOSUCHINCIDENT0000000000' })
    expect(t.core.log.ingest(first)).toBe('quarantined')
    expect(listQuarantine(t.core.db)[0]?.reason).toMatch(/could not be applied/)
    expect(t.core.db.prepare('SELECT count(*) AS n FROM events WHERE id = ?').get(first.id)).toEqual({ n: 0 })
    const next = remote({ incidentId: first.incidentId, type: 'system.noted', payload: { text: 'later' }, prevHash: first.hash, hash: 'b'.repeat(64) })
    // Still no incident, so also held; but it is not a gap.
    expect(t.core.log.ingest(next)).toBe('quarantined')
    expect(t.core.log.ingest(first)).toBe('duplicate')
  })

  it('incident numbers are unique: a replicated opening with a taken number is kept apart, not dropped', async () => {
    t = makeCore()
    const mine = await call<Incident>(t.core, 'incident:create', incidentInput)
    const theirs = remote({
      type: 'incident.opened',
      payload: { ...incidentInput, number: mine.number, priority: 'P3', members: [], conditions: [] }
    })
    expect(t.core.log.ingest(theirs)).toBe('applied')
    const rows = t.core.db.prepare('SELECT id, number FROM incidents ORDER BY number').all() as { id: string; number: string }[]
    expect(rows).toHaveLength(2)
    expect(rows.find((r) => r.id === theirs.incidentId)?.number).toBe(`${mine.number}-${String(theirs.incidentId).slice(-6)}`)
    expect(() => t?.core.db.prepare(`UPDATE incidents SET number = ? WHERE id = ?`).run(mine.number, theirs.incidentId)).toThrow(/UNIQUE/)
  })
})
