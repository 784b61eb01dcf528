import { afterEach, describe, expect, it, vi } from 'vitest'
import { ALICE, BOB, CAROL, shown, startRig, type MirrorRig } from './rig'
import { call } from '../core/make-core'

let rig: MirrorRig | undefined
afterEach(async () => {
  await rig?.dispose()
  rig = undefined
})

const waitFor = (check: () => void | Promise<void>) => vi.waitFor(check, { timeout: 8000, interval: 25 })

/** Ana leads (Alice in Slack); Ines (Carol) is in `insider`; Bob is a viewer outside it. */
async function teamRig(): Promise<MirrorRig> {
  rig = await startRig()
  const core = rig.core
  await call(core, 'identity:set', { name: 'Ana', handle: 'ana' })
  await call(core, 'roster:set', { id: 'user:ana', name: 'Ana', handle: 'ana', role: 'lead', groups: ['insider'], slackUserId: ALICE })
  await call(core, 'roster:set', { name: 'Ines', handle: 'ines', role: 'analyst', groups: ['insider'], slackUserId: CAROL })
  await call(core, 'roster:set', { name: 'Bob', handle: 'bob', role: 'viewer', groups: [], slackUserId: BOB })
  return rig
}

describe('Slack and the team', () => {
  it('moves a restricted room to a private channel with its groups\' members only, and archives the open one', async () => {
    const r = await teamRig()
    const incident = await r.open({ title: 'Payroll clerk mailing salaries out', leader: 'Ana', members: ['Bob'] })
    const open = await r.channelOf(incident.id)
    expect(r.slack.channel(open).members).toContain(BOB)
    await call(r.core, 'incident:restrict', { id: incident.id, groups: ['insider'] })
    await waitFor(async () => expect(await r.channelOf(incident.id)).not.toBe(open))
    const secret = await r.channelOf(incident.id)
    const info = r.slack.channel(secret) as ReturnType<MirrorRig['slack']['channel']> & { is_private?: boolean }
    expect(info.is_private).toBe(true)
    expect(info.name).toBe('inc-0000001-restricted')
    expect(info.members).toEqual(expect.arrayContaining([ALICE, CAROL]))
    expect(info.members).toHaveLength(3) // the bot, Ana (Alice) and Ines (Carol)
    expect(info.members).not.toContain(BOB)
    await waitFor(() => expect(r.slack.channel(open).is_archived).toBe(true))
    expect(r.slack.messages(open).map((m) => shown(m)).join('\n')).toContain('now restricted')
    // Lines written afterwards go to the private channel only.
    await call(r.core, 'chat:send', { incidentId: incident.id, text: 'HR confirmed the account' })
    await waitFor(() => expect(r.slack.messages(secret).some((m) => shown(m).includes('HR confirmed the account'))).toBe(true))
    expect(r.slack.messages(open).some((m) => shown(m).includes('HR confirmed'))).toBe(false)
    // Widening the restriction invites the new group's members into the same private channel.
    await call(r.core, 'roster:set', { name: 'Bob', handle: 'bob', id: 'user:bob', role: 'viewer', groups: ['legal'], slackUserId: BOB })
    await call(r.core, 'incident:restrict', { id: incident.id, groups: ['insider', 'legal'] })
    await waitFor(() => expect(r.slack.channel(secret).members).toContain(BOB))
    expect(await r.channelOf(incident.id)).toBe(secret)
  })

  it('keeps a Slack user on their roster role: a viewer\'s command is refused in words and recorded', async () => {
    const r = await teamRig()
    await r.core.settings.update({ slack: { ...r.core.settings.current().slack, allowedRunners: [], userMap: {} } }, r.core.actor())
    const incident = await r.open()
    const channel = await r.channelOf(incident.id)
    await waitFor(() => expect(r.mirror.inboundStatus()).toBe('socket'))
    const bob = r.slack.injectUserMessage(channel, BOB, '!ip info 10.0.0.2')
    r.slack.injectUserMessage(channel, CAROL, 'Ines here, on it')
    await waitFor(async () => expect((await r.room(incident.id)).some((m) => m.text.startsWith('Did not run'))).toBe(true))
    await waitFor(async () => expect((await r.room(incident.id)).some((m) => m.text === 'Ines here, on it')).toBe(true))
    const room = await r.room(incident.id)
    expect(room.find((m) => m.text === 'Ines here, on it')?.author).toEqual({ id: 'user:ines', name: 'Ines' })
    expect(room.find((m) => m.text.startsWith('Did not run'))?.text).toContain('Bob is a viewer: only analysts may run commands.')
    expect(r.core.db.prepare('SELECT count(*) AS n FROM command_runs').get()).toEqual({ n: 0 })
    await r.drain()
    const reply = shown(r.slack.messages(channel).find((m) => m.thread_ts === bob && m.ts !== bob)!)
    expect(reply).toContain('Bob is a viewer: only analysts may run commands.')
  })
})
