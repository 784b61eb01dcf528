import { describe, expect, it } from 'vitest'
import type { Incident } from '../../../src/shared/domain'
import { useNatsTeam } from '../../support/nats-team'
import { call, incidentInput, type TestCore } from '../core/make-core'
import { hasNatsServer, until } from './team'

const team = useNatsTeam()

const numbersOf = (t: TestCore): string[] => (t.core.db.prepare('SELECT number FROM incidents ORDER BY number').all() as { number: string }[]).map((r) => r.number)

async function race(a: TestCore, b: TestCore, each: number): Promise<Incident[]> {
  const open = (t: TestCore, who: string) =>
    Promise.all(Array.from({ length: each }, (_, i) => call<Incident>(t.core, 'incident:create', { ...incidentInput, title: `${who} ${i}` })))
  const [fromA, fromB] = await Promise.all([open(a, 'A'), open(b, 'B')])
  return [...fromA, ...fromB]
}

describe.skipIf(!hasNatsServer)('one number per incident across the team (JetStream KV compare-and-set, real nats-server)', () => {
  it('two workstations racing 100 incidents each while connected get 200 distinct final numbers', async () => {
    const nats = await team.startNats()
    const a = await team.join(nats)
    const b = await team.join(nats)
    const opened = await race(a, b, 100)
    expect(opened.every((i) => /^INC\d{7}$/.test(i.number))).toBe(true)
    expect(new Set(opened.map((i) => i.number)).size).toBe(200)
    // Both workstations converge on the same 200 numbers.
    await until(() => numbersOf(a).length === 200 && numbersOf(b).length === 200, 'both to hold 200 incidents', 20_000)
    expect(numbersOf(a)).toEqual(numbersOf(b))
    expect(new Set(numbersOf(a)).size).toBe(200)
  }, 40_000)

  it('while partitioned numbers are visibly provisional; after healing each gets a distinct final one, recorded as an event', async () => {
    const nats = await team.startNats()
    const a = await team.join(nats)
    const b = await team.join(nats)
    await nats.stop()
    const opened = await race(a, b, 100)
    expect(opened.every((i) => /^INC-P-ws[0-9a-f]+-\d+$/.test(i.number))).toBe(true)
    expect(new Set(opened.map((i) => i.number)).size).toBe(200)
    await nats.start()
    const final = (t: TestCore) => numbersOf(t).filter((n) => /^INC\d{7}$/.test(n))
    await until(() => final(a).length === 200 && final(b).length === 200, 'every incident to get its final number on both', 30_000)
    expect(final(a)).toEqual(final(b))
    expect(new Set(final(a)).size).toBe(200)
    const renumbered = a.core.db.prepare(`SELECT count(*) AS n FROM events WHERE type = 'incident.numbered'`).get() as { n: number }
    expect(renumbered.n).toBe(200)
    const one = opened[0] as Incident
    const now = await call<Incident>(a.core, 'incident:get', { id: one.id })
    expect(now.number).toMatch(/^INC\d{7}$/)
    const line = a.core.db.prepare(`SELECT text FROM messages WHERE incident_id = ? AND text LIKE '%is now INC%'`).get(one.id) as { text: string }
    expect(line.text).toBe(`${one.number} is now ${now.number}: the team's number for this incident.`)
  }, 60_000)
})
