import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { commandOutput, type SlackMessageBody } from '../../../src/main/core/integrations/slack/blocks'
import { deliverRendered, uploadFileName } from '../../../src/main/core/integrations/slack/deliver'
import { createSlackGateway, type SlackGateway } from '../../../src/main/core/integrations/slack/gateway'
import { slackTsFromMs } from '../../../src/main/core/integrations/slack/slack-message'
import { startSlackStandIn, type SlackStandIn } from '../../standins/slack'
import { codeBodyOf } from './slack-test-helpers'

let slack: SlackStandIn
let gateway: SlackGateway
let channel: string

beforeEach(async () => {
  slack = await startSlackStandIn()
  gateway = createSlackGateway({ token: slack.botToken, slackApiUrl: slack.apiUrl, timeoutMs: 2000 })
  channel = (await gateway.ensureChannel('inc-0000100-deliver')).id
})
afterEach(async () => {
  await slack.close()
})

const posted = () => slack.messages(channel).filter((m) => m.metadata?.event_type === 'virgil_event')
const asBodies = (messages: ReturnType<typeof posted>) => messages.map((m) => ({ text: m.text, blocks: m.blocks ?? [] }) as SlackMessageBody)

describe('long command output', () => {
  it('splits across messages Slack accepts and loses nothing', async () => {
    const body = Array.from({ length: 900 }, (_, i) => `${i}\t192.0.2.${i % 255}\t<${'a'.repeat(i % 50)}>&"q"`).join('\n')
    const rendered = commandOutput({ title: 'netflow', text: body }, { maxInlineChunks: 1000 })
    const result = await deliverRendered(gateway, { channel, rendered, idempotencyKey: 'run-1', asUser: { name: 'Alice' } })
    const messages = posted()
    expect(messages.length).toBeGreaterThan(1)
    expect(result.ts).toEqual(messages.map((m) => m.ts))
    expect(messages.map((m) => m.metadata?.event_payload['key'])).toEqual(messages.map((_, i) => `run-1#${i + 1}`))
    expect(codeBodyOf(asBodies(messages))).toBe(body)
  })

  it('uploads the whole body as a file past the inline limit, with a preview message', async () => {
    const body = Array.from({ length: 5000 }, (_, i) => `line ${i} <x> & y`).join('\n')
    const rendered = commandOutput({ title: 'full log', text: body }, { uploadName: 'log.txt' })
    const result = await deliverRendered(gateway, { channel, rendered, idempotencyKey: 'run-2' })
    expect(result.uploaded).toBe(true)
    const shared = slack.messages(channel).filter((m) => m.files)
    expect(shared).toHaveLength(1)
    expect(shared[0]?.files?.[0]).toMatchObject({ name: uploadFileName('log.txt', 'run-2'), title: 'full log', content: body })
    expect(JSON.stringify(posted()[0]?.blocks)).toContain('attached as log.txt')
  })

  it('resumes a retried delivery where it stopped, never posting a part or the file twice', async () => {
    const body = Array.from({ length: 5000 }, (_, i) => `row ${i}`).join('\n')
    const fields = Array.from({ length: 200 }, (_, i) => ({ label: `f${i}`, value: 'v'.repeat(150) }))
    const rendered = commandOutput({ title: 'big', fields, text: body }, { uploadName: 'big.txt' })
    expect(rendered.messages.length).toBeGreaterThan(1)
    const since = slackTsFromMs(Date.now() - 1000)
    const request = { channel, rendered, idempotencyKey: 'run-3' }

    // Try 1: the first part lands, then Slack rate-limits the second.
    slack.failNext({ method: 'chat.postMessage', status: 429, retryAfter: 2, after: 1 })
    await expect(deliverRendered(gateway, request)).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 2000 })
    expect(posted()).toHaveLength(1)

    // Try 2: the rest lands, the file is shared, but the answer to completeUploadExternal is lost.
    slack.failNext({ method: 'files.completeUploadExternal', loseAnswer: true })
    await expect(deliverRendered(gateway, { ...request, retrySinceTs: since })).rejects.toMatchObject({ code: 'UNAVAILABLE' })

    // Try 3: everything is already there; nothing is posted again.
    const before = slack.requests().length
    const done = await deliverRendered(gateway, { ...request, retrySinceTs: since })
    expect(slack.requests().slice(before).map((r) => r.method)).toEqual(['conversations.history'])
    const messages = posted()
    expect(messages.map((m) => m.metadata?.event_payload['key'])).toEqual(rendered.messages.map((_, i) => `run-3#${i + 1}`))
    expect(done.ts).toEqual(messages.map((m) => m.ts))
    const files = slack.messages(channel).filter((m) => m.files)
    expect(files).toHaveLength(1)
    expect(files[0]?.files?.[0]?.content).toBe(body)
  })
})
