import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VirgilError } from '../../../src/shared/errors'
import { createSlackGateway, type SlackGateway } from '../../../src/main/core/integrations/slack/gateway'
import type { InboundDelete, InboundEdit, InboundMessage } from '../../../src/main/core/integrations/slack/inbound-events'
import { startInbound, type InboundHandle, type InboundOptions, type InboundStatus } from '../../../src/main/core/integrations/slack/inbound'
import { startSlackStandIn, type SlackStandIn } from '../../standins/slack'

let slack: SlackStandIn
let gateway: SlackGateway
let channel: string
let other: string
let inbound: InboundHandle | undefined
const seen = { messages: [] as InboundMessage[], edits: [] as InboundEdit[], deletes: [] as InboundDelete[], errors: [] as VirgilError[], statuses: [] as InboundStatus[] }

beforeEach(async () => {
  slack = await startSlackStandIn()
  gateway = createSlackGateway({ token: slack.botToken, slackApiUrl: slack.apiUrl, timeoutMs: 2000 })
  channel = (await gateway.ensureChannel('inc-0000200-inbound')).id
  other = (await gateway.ensureChannel('random-chatter')).id
  for (const list of Object.values(seen)) list.length = 0
})
afterEach(async () => {
  await inbound?.close()
  inbound = undefined
  await slack.close()
})

function start(overrides: Partial<InboundOptions> = {}): InboundHandle {
  inbound = startInbound({
    botUserId: slack.bot.userId,
    botId: slack.bot.botId,
    slackApiUrl: slack.apiUrl,
    channelIds: () => [channel],
    onMessage: (m) => void seen.messages.push(m),
    onEdit: (e) => void seen.edits.push(e),
    onDelete: (d) => void seen.deletes.push(d),
    onError: (e) => void seen.errors.push(e),
    onStatus: (s) => void seen.statuses.push(s),
    reconnectDelayMs: 100,
    ...overrides
  })
  return inbound
}

const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 5000, interval: 20 })

describe('Socket Mode', () => {
  it('delivers a user message, an edit and a delete, acks every envelope, and ignores our own posts', async () => {
    const handle = start({ appToken: slack.appToken })
    await waitFor(() => expect(handle.status()).toBe('socket'))

    const ts = slack.injectUserMessage(channel, 'U0ALICE001', 'I see <10.0.0.5> beaconing')
    await waitFor(() => expect(seen.messages).toEqual([{ channel, ts, user: 'U0ALICE001', text: 'I see <10.0.0.5> beaconing' }]))
    slack.editUserMessage(channel, ts, 'I see 10.0.0.6 beaconing')
    await waitFor(() => expect(seen.edits).toMatchObject([{ channel, ts, user: 'U0ALICE001', text: 'I see 10.0.0.6 beaconing' }]))
    slack.deleteUserMessage(channel, ts)
    await waitFor(() => expect(seen.deletes).toEqual([{ channel, ts }]))

    const mine = await gateway.post({ channel, text: 'mirrored', asUser: { name: 'Bob' }, idempotencyKey: 'k1' })
    await gateway.post({ channel, text: 'plain bot post', idempotencyKey: 'k2' })
    await gateway.update({ channel, ts: mine.ts, text: 'mirrored, edited' })
    slack.injectUserMessage(other, 'U0BOB00001', 'not an incident channel')
    const last = slack.injectUserMessage(channel, 'U0BOB00001', 'marker')
    await waitFor(() => expect(seen.messages.at(-1)?.ts).toBe(last))

    expect(seen.messages.map((m) => m.text)).toEqual(['I see <10.0.0.5> beaconing', 'marker'])
    expect(seen.edits).toHaveLength(1)
    await waitFor(() => expect(slack.socketStats()).toMatchObject({ unacked: [], dropped: 0 }))
    const stats = slack.socketStats()
    expect(stats.acked).toBe(stats.sent)
    expect(stats.sent).toBeGreaterThanOrEqual(8)
  })

  it('falls back to polling when the socket drops, then reconnects without duplicates', async () => {
    const handle = start({ appToken: slack.appToken, poll: { intervalMs: 50, history: gateway.history } })
    await waitFor(() => expect(handle.status()).toBe('socket'))
    const before = slack.injectUserMessage(channel, 'U0ALICE001', 'before the drop')
    await waitFor(() => expect(seen.messages).toHaveLength(1))

    slack.setOutage(true, 'drop')
    await waitFor(() => expect(handle.status()).toBe('polling'))
    const during = slack.injectUserMessage(channel, 'U0ALICE001', 'said while the socket was down')
    slack.setOutage(false)

    await waitFor(() => expect(seen.messages.map((m) => m.ts)).toContain(during))
    await waitFor(() => expect(handle.status()).toBe('socket'))
    const after = slack.injectUserMessage(channel, 'U0BOB00001', 'after reconnect')
    await waitFor(() => expect(seen.messages.map((m) => m.ts)).toContain(after))
    expect(seen.messages.map((m) => m.ts)).toEqual([before, during, after])
    expect(seen.statuses).toEqual(expect.arrayContaining(['socket', 'polling', 'connecting']))
  })

  it('reports a revoked app-level token in words and keeps polling', async () => {
    slack.revokeToken('app')
    const handle = start({ appToken: slack.appToken, poll: { intervalMs: 50, history: gateway.history }, reconnectDelayMs: 10_000 })
    await waitFor(() => expect(handle.status()).toBe('polling'))
    expect(seen.errors[0]).toMatchObject({ code: 'UNAUTHORIZED' })
    expect(seen.errors[0]?.message).toContain('app-level token (token_revoked)')
    const ts = slack.injectUserMessage(channel, 'U0CAROL001', 'still heard')
    await waitFor(() => expect(seen.messages.map((m) => m.ts)).toEqual([ts]))
  })
})

describe('polling without Socket Mode', () => {
  it('delivers user messages once, skipping our posts and channel events', async () => {
    const handle = start({ poll: { intervalMs: 40, history: gateway.history } })
    expect(handle.status()).toBe('polling')
    await gateway.invite(channel, ['U0CAROL001']) // a channel_join system message
    await gateway.post({ channel, text: 'our own post', idempotencyKey: 'k' })
    const first = slack.injectUserMessage(channel, 'U0ALICE001', 'first')
    const second = slack.injectUserMessage(channel, 'U0BOB00001', 'second')
    await waitFor(() => expect(seen.messages.map((m) => m.ts)).toEqual([first, second]))
    await new Promise((resolve) => setTimeout(resolve, 150)) // a few more polls: still no repeats
    expect(seen.messages.map((m) => m.text)).toEqual(['first', 'second'])
    const polls = slack.requests().filter((r) => r.method === 'conversations.history')
    expect(polls.length).toBeGreaterThan(2)
    expect(polls.every((r) => r.tokenKind === 'bot')).toBe(true)
  })

  it('keeps polling through an outage and reports it', async () => {
    start({ poll: { intervalMs: 40, history: gateway.history } })
    slack.setOutage(true)
    await waitFor(() => expect(seen.errors.some((e) => e.code === 'UNAVAILABLE')).toBe(true))
    slack.setOutage(false)
    const ts = slack.injectUserMessage(channel, 'U0ALICE001', 'back')
    await waitFor(() => expect(seen.messages.map((m) => m.ts)).toEqual([ts]))
  })
})
