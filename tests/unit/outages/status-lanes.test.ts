import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ServiceStatus } from '../../../src/shared/domain'
import { shown, startRig, type MirrorRig } from '../mirror/rig'

/**
 * The top bar keeps each service's own state, and within a service each lane's: one Slack channel
 * failing while another delivers keeps Slack shown as in trouble until that channel recovers too,
 * and a second service in trouble at the same time shows beside it.
 */
let rig: MirrorRig | undefined
afterEach(async () => {
  await rig?.dispose()
  rig = undefined
})

const waitFor = (check: () => void | Promise<void>) => vi.waitFor(check, { timeout: 8000, interval: 25 })

describe('top bar state per service and per lane', () => {
  it('keeps Slack in trouble while one channel fails and another delivers, and shows two services down together', async () => {
    rig = await startRig()
    const r = rig
    const [a, b] = [await r.open({ title: 'Phishing A' }), await r.open({ title: 'Phishing B' })]
    const [channelA, channelB] = [await r.channelOf(a.id), await r.channelOf(b.id)]
    await r.drain()
    const pill = (name: string): ServiceStatus | undefined => r.core.status.current().find((s) => s.name === name)
    const say = (incidentId: string, text: string) => r.core.chat.send({ incidentId, text }, r.core.actor())
    const posted = (channel: string) => r.slack.messages(channel).filter((m) => m.subtype === 'bot_message' && !m.thread_ts).map(shown)

    for (let i = 0; i < 20; i++) r.slack.failNext({ method: 'chat.postMessage', channel: channelA, status: 503 })
    await say(a.id, 'held in A')
    await waitFor(() => expect(pill('Slack')?.state).toBe('degraded'))
    await say(b.id, 'through in B')
    await waitFor(() => expect(posted(channelB)).toContain('through in B'))
    await r.core.outbox.idle()
    // B delivering says nothing about A: Slack stays in trouble, with A's words.
    expect(pill('Slack')).toMatchObject({ state: 'degraded', detail: expect.stringContaining('HTTP 503'), pending: 1 })

    // A second service down at the same time shows beside it, each with its own words.
    r.core.status.report('NATS', 'down', 'cannot reach the team NATS servers (ECONNREFUSED); working locally', 'connection')
    const troubled = r.core.status.current().filter((s) => s.state === 'down' || s.state === 'degraded')
    expect(troubled.map((s) => s.name).sort()).toEqual(['NATS', 'Slack'])

    while (r.core.db.prepare(`SELECT 1 FROM outbox WHERE status = 'pending'`).get()) {
      r.fastForward()
      await new Promise((resolve) => setTimeout(resolve, 50))
      await r.core.outbox.idle()
    }
    expect(posted(channelA)).toContain('held in A')
    expect(pill('Slack')).toMatchObject({ state: 'ok', pending: 0 })
    expect(pill('NATS')?.state).toBe('down')
    r.core.status.report('NATS', 'ok', 'reconnected to the team NATS servers', 'connection')
    expect(pill('NATS')).toMatchObject({ state: 'ok', detail: 'reconnected to the team NATS servers' })
  })
})
