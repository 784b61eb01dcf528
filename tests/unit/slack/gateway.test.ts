import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { VirgilError } from '../../../src/shared/errors'
import { chatMessage } from '../../../src/main/core/integrations/slack/blocks'
import { incidentChannelName } from '../../../src/main/core/integrations/slack/channel-name'
import { createSlackGateway, type SlackGateway } from '../../../src/main/core/integrations/slack/gateway'
import { slackTsFromMs } from '../../../src/main/core/integrations/slack/slack-message'
import { startSlackStandIn, type SlackStandIn } from '../../standins/slack'

let slack: SlackStandIn
let gateway: SlackGateway

beforeEach(async () => {
  slack = await startSlackStandIn()
  gateway = createSlackGateway({ token: slack.botToken, slackApiUrl: slack.apiUrl, timeoutMs: 2000 })
})
afterEach(async () => {
  await slack.close()
})

async function caught(run: () => Promise<unknown>): Promise<VirgilError> {
  try {
    await run()
  } catch (error) {
    if (error instanceof VirgilError) return error
    throw error
  }
  throw new Error('expected a VirgilError')
}

describe('channels', () => {
  it('creates the incident channel with the bot as creator, then sets topic and invites analysts', async () => {
    const name = incidentChannelName(42, 'Phishing: CEO mail')
    const channel = await gateway.ensureChannel(name)
    expect(channel).toMatchObject({ name: 'inc-0000042-phishing-ceo-mail', created: true })
    await gateway.setTopicAndPurpose(channel.id, { topic: 'P1 · open · Alice', purpose: 'Virgil incident #42' })
    await gateway.invite(channel.id, ['U0ALICE001', 'U0BOB00001'])
    await gateway.invite(channel.id, ['U0ALICE001']) // already_in_channel is fine
    const info = slack.channel(channel.id)
    expect(info.creator).toBe(slack.bot.userId)
    expect(info.topic.value).toBe('P1 · open · Alice')
    expect(info.purpose.value).toBe('Virgil incident #42')
    expect(info.members.sort()).toEqual(['U0ALICE001', 'U0BOB00001', slack.bot.userId].sort())
  })

  it('takes the next name when someone else owns the name, and reuses a channel the app made earlier', async () => {
    slack.createChannel('inc-0000007-ransomware', { creator: 'U0BOB00001' })
    const first = await gateway.ensureChannel('inc-0000007-ransomware')
    expect(first).toMatchObject({ name: 'inc-0000007-ransomware-2', created: true })
    // A retry after a crash between create and recording the id: same channel, not a third one.
    const again = await gateway.ensureChannel('inc-0000007-ransomware')
    expect(again).toEqual({ id: first.id, name: 'inc-0000007-ransomware-2', created: false })
  })

  it('archives and unarchives idempotently and posting to an archived channel is a CONFLICT', async () => {
    const channel = await gateway.ensureChannel('inc-0000008-closed')
    await gateway.archive(channel.id)
    await gateway.archive(channel.id)
    const error = await caught(() => gateway.post({ channel: channel.id, text: 'hi', idempotencyKey: 'k' }))
    expect(error.code).toBe('CONFLICT')
    expect(error.message).toMatch(/archived/)
    await gateway.unarchive(channel.id)
    await gateway.unarchive(channel.id)
    await expect(gateway.post({ channel: channel.id, text: 'back', idempotencyKey: 'k2' })).resolves.toHaveProperty('ts')
  })

  it('maps an unknown channel to NOT_FOUND', async () => {
    const error = await caught(() => gateway.post({ channel: 'C0NOPE', text: 'x', idempotencyKey: 'k' }))
    expect(error.code).toBe('NOT_FOUND')
  })

  it('looks users up by email and answers null for a stranger', async () => {
    expect(await gateway.lookupUserByEmail('Alice@soc.example')).toEqual({ id: 'U0ALICE001', name: 'Alice Analyst' })
    expect(await gateway.lookupUserByEmail('mallory@evil.example')).toBeNull()
  })
})

describe('posting', () => {
  it('posts as the analyst with username, icon and our metadata key, blocks intact', async () => {
    const channel = await gateway.ensureChannel('inc-0000001-test')
    const [body] = chatMessage('look at <10.0.0.5> & tell me')
    const posted = await gateway.post({
      channel: channel.id,
      text: body!.text,
      blocks: body!.blocks,
      asUser: { name: 'Alice Analyst', iconUrl: 'https://avatars.example/alice.png' },
      idempotencyKey: 'evt-01'
    })
    const [stored] = slack.messages(channel.id).filter((m) => m.ts === posted.ts)
    expect(stored).toMatchObject({
      username: 'Alice Analyst',
      icons: { image_48: 'https://avatars.example/alice.png' },
      bot_id: slack.bot.botId,
      metadata: { event_type: 'virgil_event', event_payload: { key: 'evt-01' } },
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'look at &lt;10.0.0.5&gt; &amp; tell me' } }]
    })
    const postCall = slack.requests().find((r) => r.method === 'chat.postMessage')
    expect(postCall?.tokenKind).toBe('bot')
  })

  it('updates a posted message', async () => {
    const channel = await gateway.ensureChannel('inc-0000002-test')
    const posted = await gateway.post({ channel: channel.id, text: 'running…', idempotencyKey: 'k' })
    await gateway.update({ channel: channel.id, ts: posted.ts, text: 'done' })
    expect(slack.messages(channel.id).find((m) => m.ts === posted.ts)?.text).toBe('done')
  })

  it('tells a retry that its earlier post landed, by the metadata key', async () => {
    const channel = await gateway.ensureChannel('inc-0000003-test')
    const since = slackTsFromMs(Date.now() - 1000)
    expect(await gateway.findPostedByKey(channel.id, 'evt-77', since)).toBeNull()
    // The first try lands but its answer is lost (connection dropped after the write).
    const posted = await gateway.post({ channel: channel.id, text: 'once', idempotencyKey: 'evt-77' })
    slack.injectUserMessage(channel.id, 'U0ALICE001', 'noise')
    expect(await gateway.findPostedByKey(channel.id, 'evt-77', since)).toBe(posted.ts)
    expect(await gateway.findPostedByKey(channel.id, 'evt-78', since)).toBeNull()
    const thread = await gateway.post({ channel: channel.id, text: 'reply', threadTs: posted.ts, idempotencyKey: 'evt-79' })
    expect(await gateway.findPostedByKey(channel.id, 'evt-79', since, posted.ts)).toBe(thread.ts)
  })
})

describe('errors in words', () => {
  it('maps 429 + Retry-After to RATE_LIMITED with retryAfterMs, without retrying itself', async () => {
    const channel = await gateway.ensureChannel('inc-0000004-test')
    slack.failNext({ method: 'chat.postMessage', status: 429, retryAfter: 7 })
    const error = await caught(() => gateway.post({ channel: channel.id, text: 'x', idempotencyKey: 'k' }))
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 7000, service: 'Slack' })
    expect(slack.requests().filter((r) => r.method === 'chat.postMessage')).toHaveLength(1)
  })

  it('maps a 429 without Retry-After to RATE_LIMITED with the default wait', async () => {
    const quick = createSlackGateway({ token: slack.botToken, slackApiUrl: slack.apiUrl, timeoutMs: 2000, defaultRetryAfterMs: 15_000 })
    slack.failNext({ method: 'auth.test', status: 429, retryAfter: null })
    const error = await caught(() => quick.authTest())
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 15_000 })
  })

  it('enforces a configured per-channel limit the way Slack does', async () => {
    const channel = await gateway.ensureChannel('inc-0000005-test')
    slack.setRateLimit('chat.postMessage', { perMinute: 60, burst: 2, perChannel: true })
    await gateway.post({ channel: channel.id, text: '1', idempotencyKey: 'a' })
    await gateway.post({ channel: channel.id, text: '2', idempotencyKey: 'b' })
    const error = await caught(() => gateway.post({ channel: channel.id, text: '3', idempotencyKey: 'c' }))
    expect(error.code).toBe('RATE_LIMITED')
    expect(error.retryAfterMs).toBe(1000)
  })

  it('names the missing scope from the response', async () => {
    const channel = await gateway.ensureChannel('inc-0000006-test')
    slack.removeScope('chat:write.customize')
    const error = await caught(() => gateway.post({ channel: channel.id, text: 'x', asUser: { name: 'Alice' }, idempotencyKey: 'k' }))
    expect(error.code).toBe('FORBIDDEN')
    expect(error.message).toContain('chat:write.customize')
    expect(error.message).toContain('reinstall the app')
  })

  it('says a revoked token in words an analyst can act on', async () => {
    slack.revokeToken()
    const error = await caught(() => gateway.authTest())
    expect(error.code).toBe('UNAUTHORIZED')
    expect(error.message).toBe('Slack rejected the bot token (token_revoked). Reinstall the Virgil app and paste the new token in Settings.')
  })

  it('rejects a wrong token as invalid_auth and an app token as the wrong kind', async () => {
    const wrong = createSlackGateway({ token: 'xoxb-nope', slackApiUrl: slack.apiUrl, timeoutMs: 2000 })
    expect((await caught(() => wrong.authTest())).message).toContain('(invalid_auth)')
    const appToken = createSlackGateway({ token: slack.appToken, slackApiUrl: slack.apiUrl, timeoutMs: 2000 })
    expect((await caught(() => appToken.authTest())).message).toContain('(not_allowed_token_type)')
  })

  it('maps a slow answer to TIMEOUT, an outage to UNAVAILABLE, a dropped connection to UNAVAILABLE', async () => {
    const impatient = createSlackGateway({ token: slack.botToken, slackApiUrl: slack.apiUrl, timeoutMs: 150 })
    slack.delayNextMs(600, 'auth.test')
    expect(await caught(() => impatient.authTest())).toMatchObject({ code: 'TIMEOUT' })
    slack.setOutage(true)
    const outage = await caught(() => gateway.authTest())
    expect(outage.code).toBe('UNAVAILABLE')
    expect(outage.message).toContain('HTTP 503')
    slack.setOutage(false)
    slack.failNext({ method: 'auth.test', drop: true })
    expect(await caught(() => gateway.authTest())).toMatchObject({ code: 'UNAVAILABLE' })
    await expect(gateway.authTest()).resolves.toMatchObject({ userId: slack.bot.userId, botId: slack.bot.botId })
  })
})
