import { afterEach, describe, expect, it, vi } from 'vitest'
import { ALICE, BOB, CAROL, shown, startRig, type MirrorRig } from './rig'

let rig: MirrorRig | undefined
afterEach(async () => {
  await rig?.dispose()
  rig = undefined
})

const waitFor = (check: () => void | Promise<void>) => vi.waitFor(check, { timeout: 8000, interval: 25 })

async function openRoom(options: Parameters<typeof startRig>[0] = {}) {
  rig = await startRig(options)
  const incident = await rig.open()
  const channel = await rig.channelOf(incident.id)
  await waitFor(() => expect(rig!.mirror.inboundStatus()).toBe(options.noAppToken ? 'polling' : 'socket'))
  return { r: rig, incident, channel }
}

describe('Slack to room', () => {
  it('brings a message in, attributed to the Slack user, then its edit and its deletion', async () => {
    const { r, incident, channel } = await openRoom()
    const ts = r.slack.injectUserMessage(channel, CAROL, 'Seeing &lt;beacons&gt; from 10.0.0.5')
    await waitFor(async () => expect((await r.room(incident.id)).some((m) => m.via === 'slack')).toBe(true))
    const inRoom = (await r.room(incident.id)).find((m) => m.via === 'slack')!
    expect(inRoom).toMatchObject({ kind: 'chat', text: 'Seeing <beacons> from 10.0.0.5', author: { id: `slack:${CAROL}`, name: `Slack user ${CAROL}` } })

    r.slack.editUserMessage(channel, ts, 'Seeing beacons from 10.0.0.6')
    await waitFor(async () => expect((await r.core.chat.timeline(incident.id, undefined, 100)).items.find((m) => m.id === inRoom.id)?.text).toBe('Seeing beacons from 10.0.0.6'))
    r.slack.deleteUserMessage(channel, ts)
    await waitFor(async () => expect((await r.room(incident.id)).find((m) => m.id === inRoom.id)?.deleted).toBe(true))
  })

  it('names a mapped Slack user by their analyst name and keeps Slack thread replies as replies', async () => {
    const { r, incident, channel } = await openRoom()
    const root = r.slack.injectUserMessage(channel, ALICE, 'Proxy logs attached')
    r.slack.injectUserMessage(channel, BOB, 'Thanks, reading', { threadTs: root })
    await waitFor(async () => expect((await r.room(incident.id)).filter((m) => m.via === 'slack')).toHaveLength(2))
    const [first, reply] = (await r.room(incident.id)).filter((m) => m.via === 'slack')
    expect(first?.author).toEqual({ id: `slack:${ALICE}`, name: 'Ana' })
    expect(reply).toMatchObject({ author: { id: `slack:${BOB}`, name: 'Bob' }, replyTo: first?.id })
  })

  it("never brings the bot's own posts back, and mirrors nothing from Slack back to Slack", async () => {
    const { r, incident, channel } = await openRoom()
    for (const text of ['one', 'two', 'three']) await r.core.chat.send({ incidentId: incident.id, text }, r.core.actor())
    const marker = r.slack.injectUserMessage(channel, CAROL, 'marker')
    await waitFor(async () => expect((await r.room(incident.id)).some((m) => m.text === 'marker')).toBe(true))
    await r.drain()
    const room = await r.room(incident.id)
    expect(room.filter((m) => m.kind === 'chat').map((m) => m.text)).toEqual(['one', 'two', 'three', 'marker'])
    const slackTexts = r.slack.messages(channel).filter((m) => !m.subtype || m.subtype === 'bot_message').map(shown)
    expect(slackTexts.filter((t) => t === 'marker')).toHaveLength(1)
    expect(r.slack.messages(channel).find((m) => m.ts === marker)?.user).toBe(CAROL)
  })

  it('runs a command typed in Slack by an allowed analyst, with its output in the Slack thread', async () => {
    const { r, incident, channel } = await openRoom()
    const ts = r.slack.injectUserMessage(channel, ALICE, '!ip info 10.9.8.7')
    await waitFor(async () => expect((await r.room(incident.id)).find((m) => m.kind === 'command')?.command?.status).toBe('ok'))
    const command = (await r.room(incident.id)).find((m) => m.kind === 'command')!
    expect(command).toMatchObject({ via: 'slack', author: { id: `slack:${ALICE}`, name: 'Ana' } })
    await r.drain()
    const thread = r.slack.messages(channel).filter((m) => m.thread_ts === ts)
    expect(thread).toHaveLength(1)
    expect(shown(thread[0]!)).toContain('10.9.8.7')
    // The command line is already in Slack as Alice wrote it: it is not posted again.
    expect(r.slack.messages(channel).filter((m) => shown(m).includes('ip info 10.9.8.7'))).toHaveLength(1)
  })

  it("refuses, in words, a command from an unmapped Slack user and from a mapped one not allowed", async () => {
    const { r, incident, channel } = await openRoom()
    const carol = r.slack.injectUserMessage(channel, CAROL, '!ip info 10.0.0.1')
    const bob = r.slack.injectUserMessage(channel, BOB, '!ip info 10.0.0.2')
    await waitFor(async () => expect((await r.room(incident.id)).filter((m) => m.text.startsWith('Did not run'))).toHaveLength(2))
    await r.drain()
    const room = await r.room(incident.id)
    expect(room.some((m) => m.kind === 'command')).toBe(false)
    expect(r.core.db.prepare('SELECT count(*) AS n FROM command_runs').get()).toEqual({ n: 0 })
    expect(room.filter((m) => m.via === 'slack').map((m) => m.text)).toEqual(['!ip info 10.0.0.1', '!ip info 10.0.0.2'])
    const reply = (ts: string) => shown(r.slack.messages(channel).find((m) => m.thread_ts === ts && m.ts !== ts)!)
    expect(reply(carol)).toContain('Virgil did not run `!ip`: your Slack account is not mapped to a Virgil analyst')
    expect(reply(bob)).toContain('Bob is not on the list of analysts allowed to run commands from Slack')
  })

  it('falls back to polling conversations.history when there is no app token', async () => {
    const { r, incident, channel } = await openRoom({ noAppToken: true })
    r.slack.injectUserMessage(channel, CAROL, 'heard through polling')
    await waitFor(async () => expect((await r.room(incident.id)).some((m) => m.text === 'heard through polling')).toBe(true))
    expect(r.slack.requests().some((q) => q.method === 'conversations.history')).toBe(true)
  })
})

describe('Slack to room across a restart', () => {
  it('fetches what was said in the channel while Virgil was closed', async () => {
    const { r, incident, channel } = await openRoom()
    r.slack.injectUserMessage(channel, CAROL, 'before the restart')
    await waitFor(async () => expect((await r.room(incident.id)).some((m) => m.text === 'before the restart')).toBe(true))
    await r.t.core.close()
    r.slack.injectUserMessage(channel, CAROL, 'said while Virgil was closed')
    const core = await r.t.reopen()
    await waitFor(async () => {
      const texts = (await core.chat.timeline(incident.id, undefined, 500)).items.map((m) => m.text)
      expect(texts.filter((t) => t === 'said while Virgil was closed')).toHaveLength(1)
      expect(texts.filter((t) => t === 'before the restart')).toHaveLength(1)
    })
  })
})
