import { afterEach, describe, expect, it } from 'vitest'
import type { KpiReport } from '../../../src/shared/kpi'
import { toCsv } from '../../../src/shared/csv'
import { call, makeCore, type TestCore } from '../core/make-core'

const MIN = 60_000
const HOUR = 60 * MIN
const T0 = Date.UTC(2026, 10, 2, 9, 0) // Monday 2 November 2026, 09:00 UTC
const ana = { id: 'analyst:ana', name: 'Ana' }
const bo = { id: 'analyst:bo', name: 'Bo' }
const system = { id: 'system:alerts', name: 'Alert intake' }
let t: TestCore
let n = 0

afterEach(async () => t.dispose())

type Step = [minutesAfterOpening: number, who: { id: string; name: string }, what: 'say' | 'investigating' | 'contained' | 'resolved' | 'closed']

/** One incident written straight into the real log, with the times the KPIs are about. */
function incident(openedAt: number, priority: string, source: string, leader: string, steps: Step[]): string {
  const id = `inc${++n}`
  const log = t.core.log
  log.appendOne({
    type: 'incident.opened',
    incidentId: id,
    actor: source === 'alert' ? system : ana,
    payload: { number: `INC${String(n).padStart(7, '0')}`, title: `case ${n}`, description: '', source, leader, members: ['Bo'], impact: 'low', urgency: 'low', conditions: [], priority, at: openedAt }
  })
  for (const [m, who, what] of steps) {
    const at = openedAt + m * MIN
    if (what === 'say') log.appendOne({ type: 'message.posted', incidentId: id, actor: who, payload: { text: 'looking', via: 'app', at } })
    else log.appendOne({ type: 'incident.updated', incidentId: id, actor: who, payload: { changes: { status: what }, before: {}, at } })
  }
  return id
}

describe('KPIs', () => {
  it('measures MTTA, MTTC and MTTR by priority, source and leader, with SLA breaches', async () => {
    const now = T0 + 7 * 24 * HOUR + HOUR
    t = makeCore({ now: () => now })
    // P1 from an alert: the system's line does not acknowledge it, Ana's first line at +10 min does.
    incident(T0, 'P1', 'alert', 'Ana', [[2, system, 'say'], [10, ana, 'say'], [60, ana, 'contained'], [300, ana, 'resolved'], [320, ana, 'closed']])
    // P1 by email: acknowledged at +20 min (breach of 15 min), resolved at +3 h.
    incident(T0 + HOUR, 'P1', 'email', 'Bo', [[20, bo, 'investigating'], [90, bo, 'contained'], [180, bo, 'resolved']])
    // P3 by phone, a week later, untouched for an hour: within its 4 h target, no breach yet.
    incident(T0 + 7 * 24 * HOUR, 'P3', 'phone', 'Ana', [])
    const k = await call<KpiReport>(t.core, 'kpi:get', { from: T0 - HOUR, to: now })
    expect(k.incidents).toBe(3)
    const p1 = k.byPriority.find((g) => g.key === 'P1')
    expect(p1).toMatchObject({ incidents: 2, mtta: { n: 2, median: 10 * MIN, p90: 20 * MIN }, mttc: { median: 60 * MIN, p90: 90 * MIN }, mttr: { median: 180 * MIN, p90: 300 * MIN } })
    expect(k.byPriority.map((g) => g.key)).toEqual(['P1', 'P3'])
    expect(k.bySource.find((g) => g.key === 'alert')?.mtta.median).toBe(10 * MIN)
    expect(k.byLeader.find((g) => g.key === 'Bo')?.mttr.median).toBe(180 * MIN)
    const breaches = k.breaches.map((b) => `${b.number} ${b.kind} ${b.isOpen ? 'open' : 'late'}`).sort()
    expect(breaches).toEqual(['INC0000001 resolve late', 'INC0000002 ack late'])
    expect(k.sla.find((s) => s.priority === 'P1')).toMatchObject({ ackMinutes: 15, resolveMinutes: 240, ackBreaches: 1, resolveBreaches: 1 })
    expect(k.weeks.map((w) => w.opened)).toEqual([2, 1])
    const contained = k.statusTime.find((s) => s.status === 'contained')
    expect(contained).toMatchObject({ incidents: 2, totalMs: 240 * MIN + 90 * MIN })
  })

  it('uses the SLA targets from settings and lists an open incident past its target', async () => {
    t = makeCore({ now: () => T0 + 12 * HOUR })
    incident(T0, 'P3', 'phone', 'Ana', [])
    await call(t.core, 'settings:update', { patch: { sla: { ...t.core.settings.current().sla, P3: { ackMinutes: 30, resolveMinutes: 600 } } } })
    const k = await call<KpiReport>(t.core, 'kpi:get', { from: T0, to: T0 + 24 * HOUR })
    expect(k.breaches.filter((b) => b.isOpen).map((b) => b.kind).sort()).toEqual(['ack', 'resolve'])
  })

  it('counts effort per analyst from what they did in rooms', async () => {
    t = makeCore()
    incident(T0, 'P2', 'email', 'Ana', [[1, ana, 'say'], [5, ana, 'say'], [30, ana, 'say'], [2, bo, 'say']])
    const k = await call<KpiReport>(t.core, 'kpi:get', { from: T0 - HOUR, to: T0 + HOUR })
    const a = k.analysts.find((x) => x.name === 'Ana')
    // +1: one minute; +5: 4 more (within 10 min); +30: a new stretch, one minute.
    expect(a).toMatchObject({ led: 1, joined: 0, messages: 3, activeMs: 6 * MIN })
    expect(k.analysts.find((x) => x.name === 'Bo')).toMatchObject({ led: 0, joined: 1, messages: 1 })
  })

  it('counts the stretches of an analyst room by room when two rooms interleave', async () => {
    t = makeCore()
    // Rooms written alternately: the gap that counts is to the same analyst's last action in the same room.
    const a = incident(T0, 'P2', 'email', 'Ana', [[1, ana, 'say']])
    incident(T0, 'P2', 'email', 'Ana', [[3, ana, 'say']])
    t.core.log.appendOne({ type: 'message.posted', incidentId: a, actor: ana, payload: { text: 'back', via: 'app', at: T0 + 5 * MIN } })
    const k = await call<KpiReport>(t.core, 'kpi:get', { from: T0 - HOUR, to: T0 + HOUR })
    // Room A: +1 one minute, +5 four more; room B: +3 one minute (not the 2 minutes since room A's +1).
    expect(k.analysts.find((x) => x.name === 'Ana')).toMatchObject({ messages: 3, activeMs: 6 * MIN })
  })

  it('reads what became of the suggestions decided in the range, per kind', async () => {
    t = makeCore()
    const id = incident(T0, 'P3', 'email', 'Ana', [])
    const outcome = (kind: string, outcome: string) =>
      t.core.log.appendOne({ type: 'suggestion.outcome', incidentId: id, actor: ana, payload: { command: 'whois', kind, rank: 0, outcome, at: Date.now() } })
    for (const o of ['taken', 'taken', 'taken', 'ignored']) outcome('similar-next', o)
    outcome('prior', 'dismissed')
    outcome('prior', 'shrugged') // not an outcome the sidebar records: left out, not counted as shown
    const now = Date.now()
    const k = await call<KpiReport>(t.core, 'kpi:get', { from: now - HOUR, to: now + HOUR })
    expect(k.suggestions).toMatchObject({ shown: 5, taken: 3, takenShare: 0.6 })
    expect(k.suggestions.byKind).toEqual([
      { kind: 'similar-next', shown: 4, taken: 3, dismissed: 0, ignored: 1, takenShare: 0.75 },
      { kind: 'prior', shown: 1, taken: 0, dismissed: 1, ignored: 0, takenShare: 0 }
    ])
    const before = await call<KpiReport>(t.core, 'kpi:get', { from: now - 2 * HOUR, to: now - HOUR })
    expect(before.suggestions).toEqual({ shown: 0, taken: 0, takenShare: null, byKind: [] })
  })

  it('refuses a range that ends before it starts, in words', async () => {
    t = makeCore()
    const r = await t.core.dispatch('kpi:get', { from: 10, to: 5 }, t.core.actor())
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: 'to: must end after it starts' } })
  })

  it('keeps milestones folded between calls: events written after a first call count as if read at once', async () => {
    const now = T0 + 10 * HOUR
    t = makeCore({ now: () => now })
    const a = incident(T0, 'P2', 'email', 'Ana', [[5, ana, 'investigating']])
    const first = await call<KpiReport>(t.core, 'kpi:get', { from: T0 - HOUR, to: now })
    expect(first.overall.mttc.n).toBe(0)
    expect(first.statusTime.find((s) => s.status === 'investigating')?.totalMs).toBe(now - T0 - 5 * MIN)
    const log = t.core.log
    log.appendOne({ type: 'incident.updated', incidentId: a, actor: ana, payload: { changes: { status: 'contained' }, before: {}, at: T0 + 65 * MIN } })
    log.appendOne({ type: 'incident.updated', incidentId: a, actor: ana, payload: { changes: { status: 'resolved' }, before: {}, at: T0 + 125 * MIN } })
    incident(T0 + HOUR, 'P2', 'email', 'Bo', [[30, bo, 'say']])
    const k = await call<KpiReport>(t.core, 'kpi:get', { from: T0 - HOUR, to: now })
    expect(k.incidents).toBe(2)
    expect(k.overall.mtta).toMatchObject({ n: 2, median: 5 * MIN, p90: 30 * MIN })
    expect(k.overall.mttc).toMatchObject({ n: 1, median: 65 * MIN })
    expect(k.overall.mttr).toMatchObject({ n: 1, median: 125 * MIN })
    expect(k.statusTime.find((s) => s.status === 'investigating')).toMatchObject({ incidents: 1, totalMs: 60 * MIN })
    expect(k.statusTime.find((s) => s.status === 'resolved')).toMatchObject({ incidents: 1, totalMs: now - T0 - 125 * MIN })
  })
})

describe('CSV', () => {
  it('quotes what needs quoting and defuses formulas', () => {
    expect(toCsv(['a', 'b'], [['x,y', '=HYPERLINK("http://evil")'], [1.5, null]])).toBe('a,b\r\n"x,y","\'=HYPERLINK(""http://evil"")"\r\n1.5,\r\n')
  })
})
