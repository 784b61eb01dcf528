import { afterEach, describe, expect, it } from 'vitest'
import type { Incident, Message, Session } from '../../../src/shared/domain'
import type { RosterEntry } from '../../../src/shared/team'
import type { Actor } from '../../../src/main/core/commands/types'
import type { Core } from '../../../src/main/app'
import { call, incidentInput, makeCore, type TestCore } from '../core/make-core'

const cores: TestCore[] = []
afterEach(async () => {
  for (const c of cores.splice(0)) await c.dispose()
})

const as = (e: RosterEntry): Actor => ({ id: e.id, name: e.name, role: e.role, groups: e.groups, via: 'app' })

async function team(): Promise<{ core: Core; lead: Actor; ana: Actor; bo: Actor }> {
  const t = makeCore()
  cores.push(t)
  const core = t.core
  await call(core, 'identity:set', { name: 'Lena Lead', handle: 'lena' })
  await call(core, 'roster:set', { name: 'Ana', handle: 'ana', role: 'viewer', groups: [] })
  const roster = await call<RosterEntry[]>(core, 'roster:set', { name: 'Bo', handle: 'bo', role: 'analyst', groups: ['night'] })
  const find = (h: string): RosterEntry => roster.find((e) => e.handle === h) as RosterEntry
  return { core, lead: as(find('lena')), ana: as(find('ana')), bo: as(find('bo')) }
}

async function refused(core: Core, channel: string, input: unknown, actor: Actor): Promise<string> {
  const r = await core.dispatch(channel, input, actor)
  if (r.ok) throw new Error(`${channel} was allowed for ${actor.name}`)
  expect(r.error.code).toBe('FORBIDDEN')
  return r.error.message
}

async function allowed<T>(core: Core, channel: string, input: unknown, actor: Actor): Promise<T> {
  const r = await core.dispatch(channel, input, actor)
  if (!r.ok) throw new Error(`${channel} refused for ${actor.name}: ${r.error.message}`)
  return r.value as T
}

describe('identity', () => {
  it('asks who is here on first run, makes the first person the lead, and signs every event with their id', async () => {
    const t = makeCore()
    cores.push(t)
    const first = await call<Session>(t.core, 'session:get', {})
    expect(first.identity?.needed).toBe(true)
    const session = await call<Session>(t.core, 'identity:set', { name: 'Lena Lead', handle: 'lena' })
    expect(session.identity).toBeUndefined()
    expect(session.user).toMatchObject({ id: 'user:lena', name: 'Lena Lead', role: 'lead', handle: 'lena' })
    const incident = await call<Incident>(t.core, 'incident:create', incidentInput)
    const line = await call<Message>(t.core, 'chat:send', { incidentId: incident.id, text: 'looking at the mail headers' })
    expect(line.author).toEqual({ id: 'user:lena', name: 'Lena Lead' })
    const authors = t.core.db.prepare(`SELECT DISTINCT json_extract(actor, '$.id') AS id FROM events WHERE incident_id = ?`).all(incident.id) as { id: string }[]
    expect(authors.map((a) => a.id)).toEqual(['user:lena'])
    // A restart keeps who they are.
    const again = await t.reopen()
    expect((await call<Session>(again, 'session:get', {})).user.id).toBe('user:lena')
  })

  it('can be preset at start (serve), and a bad preset leaves the first-run dialog to ask', async () => {
    const good = makeCore({ identity: { name: 'Sam Serve', handle: 'sam' } })
    const bad = makeCore({ identity: { name: 'Eve', handle: 'no spaces allowed' } })
    cores.push(good, bad)
    expect(await call<Session>(good.core, 'session:get', {})).toMatchObject({ user: { id: 'user:sam', role: 'lead' } })
    expect((await call<Session>(bad.core, 'session:get', {})).identity?.needed).toBe(true)
  })

  it('refuses a handle already taken and a bad handle in words', async () => {
    const { core } = await team()
    await expect(call(core, 'roster:set', { name: 'Other Ana', handle: 'ANA', role: 'analyst' })).rejects.toThrow(/@ANA is already Ana/)
    await expect(call(core, 'roster:set', { name: 'X', handle: 'a b', role: 'analyst' })).rejects.toThrow(/handle: may hold letters/)
    await expect(call(core, 'roster:set', { id: 'user:lena', name: 'Lena Lead', handle: 'lena', role: 'analyst' })).rejects.toThrow(/only lead/)
  })
})

describe('roles, enforced in the core', () => {
  it('a viewer reads but may not write, run commands or open incidents; each refusal is recorded', async () => {
    const { core, lead, ana } = await team()
    const incident = await allowed<Incident>(core, 'incident:create', incidentInput, lead)
    expect((await allowed<Incident[]>(core, 'incident:list', {}, ana)).map((i) => i.id)).toEqual([incident.id])
    await allowed(core, 'timeline:get', { incidentId: incident.id }, ana)
    expect(await refused(core, 'chat:send', { incidentId: incident.id, text: '!vtip 8.8.8.8' }, ana)).toBe('Ana is a viewer: only analysts may run commands.')
    expect(await refused(core, 'chat:send', { incidentId: incident.id, text: 'hello' }, ana)).toBe('Ana is a viewer: only analysts may write in incident rooms.')
    expect(await refused(core, 'incident:create', incidentInput, ana)).toBe('Ana is a viewer: only analysts may open incidents.')
    const rows = core.db.prepare(`SELECT actor, payload FROM events WHERE type = 'access.refused'`).all() as { actor: string; payload: string }[]
    expect(rows).toHaveLength(3)
    expect(JSON.parse(rows[0]?.payload ?? '{}')).toMatchObject({ channel: 'chat:send', role: 'viewer', need: 'analyst', incidentId: incident.id })
    expect(JSON.parse(rows[0]?.actor ?? '{}')).toMatchObject({ id: 'user:ana' })
    const texts = (await allowed<{ items: Message[] }>(core, 'timeline:get', { incidentId: incident.id }, ana)).items.map((m) => m.text)
    expect(texts.some((t) => t.includes('hello'))).toBe(false)
  })

  it('an analyst chats, runs safe commands and opens incidents, but a lead must confirm isolation, reopen, restrict and give roles', async () => {
    const { core, lead, bo } = await team()
    const incident = await allowed<Incident>(core, 'incident:create', incidentInput, bo)
    expect(incident.openedBy).toEqual({ id: 'user:bo', name: 'Bo' })
    await allowed(core, 'chat:send', { incidentId: incident.id, text: 'on it' }, bo)
    const isolate = await allowed<Message>(core, 'chat:send', { incidentId: incident.id, text: '!ec2 isolate i-0abc1234def567890' }, bo)
    expect(isolate.command?.status).toBe('awaiting-confirmation')
    const runId = isolate.command?.runId as string
    expect(await refused(core, 'command:confirm', { runId, confirm: true }, bo)).toBe('Bo is an analyst: only leads may confirm dangerous commands.')
    expect(await refused(core, 'roster:set', { name: 'Bo', handle: 'bo', role: 'lead' }, bo)).toBe('Bo is an analyst: only leads may change the team roster and roles.')
    expect(await refused(core, 'incident:restrict', { id: incident.id, groups: ['legal'] }, bo)).toMatch(/only leads may restrict incidents/)
    await allowed(core, 'incident:update', { id: incident.id, status: 'closed' }, bo)
    expect(await refused(core, 'incident:reopen', { id: incident.id, reason: 'new evidence' }, bo)).toMatch(/only leads may reopen archived incidents/)
    // The analyst may still call it off; the lead may reopen.
    const cancelled = await allowed<Message>(core, 'command:confirm', { runId, confirm: false }, bo)
    expect(cancelled.command?.status).toBe('cancelled')
    const reopened = await allowed<Incident>(core, 'incident:reopen', { id: incident.id, reason: 'new evidence' }, lead)
    expect(reopened.status).not.toBe('closed')
  })

  it('a lead changes roles, and the change takes effect on the next request', async () => {
    const { core, ana } = await team()
    const roster = await call<RosterEntry[]>(core, 'roster:set', { id: ana.id, name: 'Ana', handle: 'ana', role: 'analyst', groups: ['insider'] })
    const promoted = roster.find((e) => e.id === ana.id) as RosterEntry
    expect(promoted.role).toBe('analyst')
    await allowed(core, 'incident:create', incidentInput, as(promoted))
    expect((await call<RosterEntry[]>(core, 'roster:list', {})).map((e) => `${e.handle}:${e.role}`)).toEqual(['ana:analyst', 'bo:analyst', 'lena:lead'])
  })
})
