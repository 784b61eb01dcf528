import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ALICE, BOB, shown, startRig, type MirrorRig } from './rig'

let rig: MirrorRig
beforeEach(async () => {
  rig = await startRig()
})
afterEach(async () => {
  await rig.dispose()
})

const waitFor = (check: () => void | Promise<void>) => vi.waitFor(check, { timeout: 8000, interval: 25 })
const userPosts = (channel: string) => rig.slack.messages(channel).filter((m) => !m.subtype || m.subtype === 'bot_message')

describe('incident channel', () => {
  it('is created with the Slack name, topic, purpose, mapped members invited and a header', async () => {
    const incident = await rig.open({ title: 'Phishing: CEO mail!', leader: 'Ana', members: ['Bob', 'Zed'], impact: 'high', urgency: 'medium' })
    const channel = await rig.channelOf(incident.id)
    const info = rig.slack.channel(channel)
    expect(info.name).toBe('inc-0000001-phishing-ceo-mail')
    expect(info.topic.value).toBe('P2 · new · leader Ana')
    expect(info.purpose.value).toContain('INC0000001: Phishing: CEO mail!')
    expect(info.members).toEqual(expect.arrayContaining([ALICE, BOB]))
    expect(info.members).toHaveLength(3) // the bot, Alice (Ana, by email) and Bob (by id); Zed has no Slack account mapped
    const header = userPosts(channel)[0]
    expect(header && shown(header)).toContain('INC0000001 · Phishing: CEO mail!')
    expect(header && shown(header)).toContain('Not invited (no Slack account mapped in Settings → Slack): Zed.')
    expect((await rig.core.incidents.get(incident.id)).slackChannel).toBe('inc-0000001-phishing-ceo-mail')
  })

  it('takes the next free name when someone else holds it', async () => {
    rig.slack.createChannel('inc-0000001-phishing-mail-to-the-cfo')
    const incident = await rig.open()
    const channel = await rig.channelOf(incident.id)
    expect(rig.slack.channel(channel).name).toBe('inc-0000001-phishing-mail-to-the-cfo-2')
  })

  it('posts a summary and archives the channel on closing, and unarchives on reopening', async () => {
    const incident = await rig.open()
    const channel = await rig.channelOf(incident.id)
    await rig.core.chat.send({ incidentId: incident.id, text: 'contained' }, rig.core.actor())
    await rig.core.incidents.update({ id: incident.id, status: 'closed' }, rig.core.actor())
    await rig.drain()
    await waitFor(() => expect(rig.slack.channel(channel).is_archived).toBe(true))
    const texts = userPosts(channel).map(shown)
    expect(texts.at(-2)).toContain('Ana changed status from new to closed')
    expect(texts.at(-1)).toContain('Closed: INC0000001')
    expect(texts.at(-1)).toMatch(/\*Messages\*\n1/)

    await rig.core.archive.reopen(incident.id, 'the user clicked again', rig.core.actor())
    await rig.drain()
    expect(rig.slack.channel(channel).is_archived).toBe(false)
    expect(rig.slack.channel(channel).topic.value).toBe('P3 · investigating · leader Ana')
    expect(shown(userPosts(channel).at(-1)!)).toContain('reopened the incident (status to investigating): the user clicked again')
  })
})

describe('room to Slack', () => {
  it('posts a room message as the analyst, escaped, with Block Kit and its event id as key', async () => {
    const incident = await rig.open()
    const channel = await rig.channelOf(incident.id)
    const sent = await rig.core.chat.send({ incidentId: incident.id, text: 'Blocking <evil> & friends' }, rig.core.actor())
    await rig.drain()
    const posted = userPosts(channel).at(-1)!
    expect(posted.username).toBe('Ana')
    expect(posted.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'Blocking &lt;evil&gt; &amp; friends' } }])
    expect(posted.metadata?.event_payload.key).toBe(`slack:${sent.id}`)
  })

  it("puts a command's output in the thread under its command line", async () => {
    const incident = await rig.open()
    const channel = await rig.channelOf(incident.id)
    const command = await rig.core.chat.send({ incidentId: incident.id, text: '!ip info 10.1.2.3' }, rig.core.actor())
    await waitFor(async () => expect((await rig.core.chat.byRun(command.command!.runId)).command?.status).toBe('ok'))
    await rig.drain()
    const all = rig.slack.messages(channel)
    const line = all.find((m) => shown(m) === '`!ip info 10.1.2.3`')
    expect(line?.username).toBe('Ana')
    const replies = all.filter((m) => m.thread_ts === line?.ts && m.ts !== line?.ts)
    expect(replies).toHaveLength(1)
    expect(shown(replies[0]!)).toContain('10.1.2.3')
    expect(replies[0]!.username).toBe('Ana')
  })

  it('uploads output too long for a channel whole, with a preview, never truncated', async () => {
    const incident = await rig.open()
    const channel = await rig.channelOf(incident.id)
    const long = Array.from({ length: 900 }, (_, i) => `line ${i} http://evil${i}.example/path`).join('\n')
    const command = await rig.core.chat.send({ incidentId: incident.id, text: `!defang ${long}` }, rig.core.actor())
    await waitFor(async () => expect((await rig.core.chat.byRun(command.command!.runId)).command?.status).toBe('ok'))
    await rig.drain()
    const output = (await rig.core.chat.byRun(command.command!.runId)).command!.output!.text!
    const file = rig.slack.messages(channel).flatMap((m) => m.files ?? [])
    expect(file).toHaveLength(1)
    expect(file[0]!.content).toBe(output)
    expect(output.length).toBeGreaterThan(30_000)
    expect(output).toContain('evil899[.]example')
  })

  it('mirrors status changes and notes, and never mirrors its own Slack trouble notes', async () => {
    const incident = await rig.open()
    const channel = await rig.channelOf(incident.id)
    await rig.core.incidents.update({ id: incident.id, impact: 'high', urgency: 'high' }, rig.core.actor())
    await rig.drain()
    expect(rig.slack.channel(channel).topic.value).toBe('P1 · new · leader Ana')
    expect(shown(userPosts(channel).at(-1)!)).toContain('Ana changed impact from medium to high')

    rig.slack.failNext({ method: 'chat.postMessage', status: 503 })
    await rig.core.chat.send({ incidentId: incident.id, text: 'after a blip' }, rig.core.actor())
    await waitFor(() => expect(rig.core.db.prepare(`SELECT count(*) AS n FROM outbox WHERE status = 'pending' AND attempts = 1`).get()).toEqual({ n: 1 }))
    rig.fastForward()
    await rig.drain()
    const texts = userPosts(channel).map(shown)
    expect(texts.filter((t) => t === 'after a blip')).toHaveLength(1)
    expect(texts.some((t) => t.includes('failed'))).toBe(false)
    const notes = (await rig.room(incident.id)).filter((m) => m.kind === 'system').map((m) => m.text)
    expect(notes.some((t) => t.startsWith('Slack mirror of a message failed: Slack answered chat.postMessage with HTTP 503'))).toBe(true)
  })

  it('posts new alerts-channel lines for P1/P2 openings only', async () => {
    const alerts = rig.slack.createChannel('soc-alerts', { creator: rig.slack.bot.userId })
    await rig.core.settings.update({ slack: { ...rig.core.settings.current().slack, alertsChannel: '#soc-alerts' } }, rig.core.actor())
    await rig.open({ title: 'Low thing', impact: 'low', urgency: 'low' })
    await rig.open({ title: 'Ransomware on file server', impact: 'high', urgency: 'high' })
    await rig.drain()
    const texts = rig.slack.messages(alerts).map(shown)
    expect(texts).toEqual([expect.stringContaining('P1 incident opened: INC0000002 Ransomware on file server')])
  })
})

describe('switching Slack on', () => {
  it('gives rooms opened before it their channel', async () => {
    const { startSlackStandIn } = await import('../../standins/slack')
    const { makeCore, incidentInput } = await import('../core/make-core')
    const { TUNING } = await import('./rig')
    const slack = await startSlackStandIn()
    const t = makeCore({ slackTuning: TUNING })
    try {
      const actor = t.core.actor()
      const early = await t.core.incidents.create({ ...incidentInput, title: 'Opened before Slack', conditions: [], members: [] }, actor)
      await t.core.settings.setSecret('slack.botToken', slack.botToken, actor)
      await t.core.settings.update({ slack: { enabled: true, apiUrl: slack.apiUrl, alertsChannel: '', userMap: {}, allowedRunners: [] } }, actor)
      await vi.waitFor(
        () => {
          const row = t.core.db.prepare('SELECT channel_name FROM slack_rooms WHERE incident_id = ?').get(early.id) as { channel_name: string | null } | undefined
          expect(row?.channel_name).toMatch(/^inc-0000001-opened-before-slack/)
        },
        { timeout: 8000, interval: 25 }
      )
    } finally {
      await t.dispose()
      await slack.close()
    }
  })
})
