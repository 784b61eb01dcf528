import { afterEach, describe, expect, it } from 'vitest'
import type { ArchivedIncident, Incident, SearchResult, SuggestionStats, Suggestions } from '../../../src/shared/domain'
import type { KpiReport } from '../../../src/shared/kpi'
import type { RosterEntry } from '../../../src/shared/team'
import type { Actor } from '../../../src/main/core/commands/types'
import type { Core } from '../../../src/main/app'
import { call, incidentInput, makeCore, type TestCore } from '../core/make-core'

const cores: TestCore[] = []
afterEach(async () => {
  for (const c of cores.splice(0)) await c.dispose()
})

const as = (e: RosterEntry): Actor => ({ id: e.id, name: e.name, role: e.role, groups: e.groups, via: 'app' })

async function ok<T>(core: Core, channel: string, input: unknown, actor: Actor): Promise<T> {
  const r = await core.dispatch(channel, input, actor)
  if (!r.ok) throw new Error(`${channel} refused for ${actor.name}: ${r.error.code} ${r.error.message}`)
  return r.value as T
}

/** A lead, an analyst in `insider` and one who is not; one insider case and one ordinary phish. */
async function setup() {
  const t = makeCore()
  cores.push(t)
  const core = t.core
  await call(core, 'identity:set', { name: 'Lena Lead', handle: 'lena' })
  await call(core, 'roster:set', { id: 'user:lena', name: 'Lena Lead', handle: 'lena', role: 'lead', groups: ['insider'] })
  await call(core, 'roster:set', { name: 'Ines', handle: 'ines', role: 'analyst', groups: ['insider', 'legal'] })
  const roster = await call<RosterEntry[]>(core, 'roster:set', { name: 'Nico Night', handle: 'nico', role: 'analyst', groups: ['night'] })
  const who = (h: string): Actor => as(roster.find((e) => e.handle === h) as RosterEntry)
  const lead = who('lena')
  const secret = await ok<Incident>(core, 'incident:create', { ...incidentInput, title: 'Payroll clerk exfiltrating salaries to gmail', description: 'Insider: payroll export mailed to a private gmail account' }, lead)
  const open = await ok<Incident>(core, 'incident:create', { ...incidentInput, title: 'Payroll phishing mail to finance', description: 'payroll login page phish mailed to finance' }, lead)
  for (const id of [secret.id, open.id]) await ok(core, 'chat:send', { incidentId: id, text: 'payroll export checked' }, lead)
  const restricted = await ok<Incident>(core, 'incident:restrict', { id: secret.id, groups: ['insider', 'legal'] }, lead)
  return { core, lead, member: who('ines'), outsider: who('nico'), secret: restricted, open }
}

describe('restricted incidents', () => {
  it('can be restricted from their first event, by a lead only', async () => {
    const { core, lead, member, outsider } = await setup()
    const hr = await ok<Incident>(core, 'incident:create', { ...incidentInput, title: 'HR case opened restricted', restrictedGroups: ['insider'] }, lead)
    expect(hr.restrictedGroups).toEqual(['insider'])
    const events = core.db.prepare('SELECT type FROM events WHERE incident_id = ? ORDER BY seq').all(hr.id) as { type: string }[]
    expect(events.map((e) => e.type)).toEqual(['incident.opened', 'incident.restricted'])
    expect((await ok<Incident[]>(core, 'incident:list', {}, outsider)).map((i) => i.id)).not.toContain(hr.id)
    expect((await ok<Incident[]>(core, 'incident:list', {}, member)).map((i) => i.id)).toContain(hr.id)
    const refused = await core.dispatch('incident:create', { ...incidentInput, title: 'Analyst tries to restrict', restrictedGroups: ['insider'] }, member)
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'Ines is an analyst: only leads may restrict incidents.' } })
  })

  it('are marked with their groups and say so in the room', async () => {
    const { core, member, secret } = await setup()
    expect(secret.restrictedGroups).toEqual(['insider', 'legal'])
    const room = await ok<{ items: { text: string }[] }>(core, 'timeline:get', { incidentId: secret.id }, member)
    expect(room.items.at(-1)?.text).toBe('Lena Lead restricted this incident to insider, legal: only members of those groups see it')
  })

  it('do not exist for non-members: not listed, not readable, not writable by id or number', async () => {
    const { core, member, outsider, secret, open } = await setup()
    expect((await ok<Incident[]>(core, 'incident:list', {}, outsider)).map((i) => i.id)).toEqual([open.id])
    expect((await ok<Incident[]>(core, 'incident:list', {}, member)).map((i) => i.id).sort()).toEqual([secret.id, open.id].sort())
    for (const [channel, input] of [
      ['incident:get', { id: secret.id }],
      ['incident:get', { id: secret.number }],
      ['timeline:get', { incidentId: secret.id }],
      ['chat:send', { incidentId: secret.id, text: 'hello?' }],
      ['report:render', { id: secret.id, format: 'md' }],
      ['incident:export', { id: secret.id }]
    ] as const) {
      const r = await core.dispatch(channel, input, outsider)
      expect(r.ok, channel).toBe(false)
      if (!r.ok) expect(r.error.code).toBe('NOT_FOUND')
    }
    const unknown = await core.dispatch('incident:get', { id: 'NOPE' }, outsider)
    const hidden = await core.dispatch('incident:get', { id: secret.id }, outsider)
    if (!unknown.ok && !hidden.ok) expect(hidden.error.message).toBe(unknown.error.message.replace('NOPE', secret.id))
  })

  it('stay out of search, the archive, KPIs and similar-incident suggestions for non-members', async () => {
    const { core, lead, member, outsider, secret, open } = await setup()
    const hits = async (a: Actor) => (await ok<SearchResult>(core, 'search:query', { query: 'payroll' }, a)).hits.map((h) => h.number)
    expect(await hits(member)).toContain(secret.number)
    expect(await hits(outsider)).not.toContain(secret.number)
    expect(await hits(outsider)).toContain(open.number)
    // Left out before the limit, so a page of one still finds what the outsider may see.
    const one = await ok<SearchResult>(core, 'search:query', { query: 'payroll export', limit: 1 }, outsider)
    expect(one.hits.map((h) => h.number)).toEqual([open.number])

    const kpis = async (a: Actor) => ok<KpiReport>(core, 'kpi:get', { from: Date.now() - 86_400_000, to: Date.now() + 60_000 }, a)
    expect((await kpis(member)).incidents).toBe(2)
    expect((await kpis(outsider)).incidents).toBe(1)
    expect(JSON.stringify(await kpis(outsider))).not.toContain(secret.number)
    for (const i of [secret, open]) {
      core.log.appendOne({ type: 'suggestion.outcome', incidentId: i.id, actor: { id: 'analyst:ana', name: 'Ana' }, payload: { command: 'whois', kind: 'prior', rank: 0, outcome: 'taken', at: Date.now() } })
    }
    expect((await kpis(member)).suggestions.shown).toBe(2)
    expect((await kpis(outsider)).suggestions.shown).toBe(1)
    const sidebarShown = async (a: Actor) => (await ok<SuggestionStats>(core, 'suggest:stats', {}, a)).byKind.reduce((n, k) => n + k.shown, 0)
    expect(await sidebarShown(member)).toBe(2)
    expect(await sidebarShown(outsider)).toBe(1)

    const similar = async (a: Actor) => (await ok<Suggestions>(core, 'suggest:get', { incidentId: open.id }, a)).similar.map((s) => s.id)
    expect(await similar(member)).toContain(secret.id)
    expect(await similar(outsider)).not.toContain(secret.id)

    for (const i of [secret, open]) await ok(core, 'incident:update', { id: i.id, status: 'closed' }, lead)
    const archived = async (a: Actor) => ok<{ rows: ArchivedIncident[]; total: number }>(core, 'archive:list', {}, a)
    expect((await archived(member)).total).toBe(2)
    expect(await archived(outsider)).toMatchObject({ total: 1, rows: [{ id: open.id }] })
  })

  it('say RESTRICTED in reports and exports', async () => {
    const { core, member, secret, open } = await setup()
    const md = await ok<{ text: string }>(core, 'report:render', { id: secret.id, format: 'md' }, member)
    expect(md.text.split('\n')[0]).toBe('**RESTRICTED** to insider, legal: do not share outside these groups.')
    const html = await ok<{ text: string }>(core, 'report:render', { id: secret.id, format: 'html' }, member)
    expect(html.text).toContain('<strong>RESTRICTED</strong> to insider, legal')
    const exported = await ok<{ fileName: string; json: string }>(core, 'incident:export', { id: secret.id }, member)
    expect(exported.fileName).toContain('RESTRICTED')
    expect(JSON.parse(exported.json)).toMatchObject({ classification: 'RESTRICTED to insider, legal' })
    const archive = await ok<{ fileName: string }>(core, 'archive:export', { id: secret.id }, member)
    expect(archive.fileName).toMatch(/^INC\d{7}-RESTRICTED-/)
    const plain = await ok<{ text: string }>(core, 'report:render', { id: open.id, format: 'md' }, member)
    expect(plain.text).not.toContain('RESTRICTED')
  })

  it('push nothing of a restricted incident to a workstation whose person is not a member', async () => {
    const { core, secret, open } = await setup()
    // This workstation's person becomes an outsider: the lead takes themself out of the groups.
    await call(core, 'roster:set', { id: 'user:lena', name: 'Lena Lead', handle: 'lena', role: 'lead', groups: ['night'] })
    const seen: string[] = []
    const events: string[] = []
    const off = core.bus.subscribe((event, payload) => {
      events.push(event)
      seen.push(JSON.stringify(payload))
    })
    await call(core, 'chat:send', { incidentId: open.id, text: 'still here' })
    core.log.appendOne({ type: 'message.posted', incidentId: secret.id, actor: { id: 'user:ines', name: 'Ines' }, payload: { text: 'salary file found', via: 'app', at: Date.now() } })
    expect(seen.some((s) => s.includes('still here'))).toBe(true)
    expect(seen.some((s) => s.includes('salary file') || s.includes(secret.id))).toBe(false)
    // An incident restricted away from this person is dropped from the screen, in so many words.
    await call(core, 'incident:restrict', { id: open.id, groups: ['insider'] })
    off()
    expect(events.at(-1)).toBe('incident:hidden')
    expect(seen.at(-1)).toBe(JSON.stringify({ id: open.id }))
  })
})
