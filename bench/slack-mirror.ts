/**
 * Slack mirror lag, both ways, on a real core (SQLite file) against the loopback Slack stand-in.
 * Load: 100 messages a minute each way, over two incident channels (Slack allows about one post per
 * second per channel, so one channel could not take 100 a minute). Time is COMPRESSED by
 * SLACK_BENCH_COMPRESSION (default 10): the minute runs in 6 s and the stand-in's Slack-tier rate
 * limits are raised by the same factor, so rate-limit pressure matches the real minute.
 * Outbound lag: chat.send returns → the post is in the stand-in's channel.
 * Inbound lag: a person's message lands in the stand-in → it is in the room (Socket Mode).
 * Prints `name: value unit` lines; never fails on time.
 *   node --import tsx bench/slack-mirror.ts
 */
import { performance } from 'node:perf_hooks'
import type { Core, CoreOptions } from '../src/main/app'
import { installSlackMirror, type SlackMirror } from '../src/main/core/mirror'
import type { Message } from '../src/shared/domain'
import { SLACK_TIER_LIMITS, startSlackStandIn, type RateLimit } from '../tests/standins/slack'
import { incidentInput, makeCore } from '../tests/unit/core/make-core'
import { figure, summarize } from './stats'

const PER_MINUTE = 100
const COMPRESSION = Number(process.env.SLACK_BENCH_COMPRESSION ?? 10)
const CHANNELS = 2
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = performance.now() + timeoutMs
  while (!check()) {
    if (performance.now() > end) throw new Error('timed out waiting for the mirror to catch up')
    await sleep(5)
  }
}

export async function benchSlackMirror(): Promise<void> {
  const limits: Record<string, RateLimit> = Object.fromEntries(
    Object.entries(SLACK_TIER_LIMITS).map(([method, limit]) => [method, { ...limit, perMinute: limit.perMinute * COMPRESSION }])
  )
  const slack = await startSlackStandIn({ rateLimits: limits })
  const t = makeCore({ slackTuning: { timeoutMs: 10_000 } } as Partial<CoreOptions>)
  const core = t.core
  const actor = core.actor()
  await core.settings.update({ slack: { ...core.settings.current().slack, enabled: true, apiUrl: slack.apiUrl } }, actor)
  await core.settings.setSecret('slack.botToken', slack.botToken, actor)
  await core.settings.setSecret('slack.appToken', slack.appToken, actor)
  const wired = (core as Core & { slackMirror?: SlackMirror }).slackMirror
  const mirror = wired ?? installSlackMirror({ ...core })
  await mirror.ready()

  const rooms: { incidentId: string; channel: string }[] = []
  for (let i = 0; i < CHANNELS; i++) {
    const incident = await core.incidents.create({ ...incidentInput, title: `Bench room ${i}`, conditions: [], members: [] }, actor)
    await core.outbox.drain(30_000)
    const row = core.db.prepare('SELECT channel_id FROM slack_rooms WHERE incident_id = ?').get(incident.id) as { channel_id: string }
    rooms.push({ incidentId: incident.id, channel: row.channel_id })
  }
  await until(() => mirror.inboundStatus() === 'socket', 10_000)

  const sentOut = new Map<string, number>()
  const seenOut = new Map<string, number>()
  const sentIn = new Map<string, number>()
  const seenIn = new Map<string, number>()
  const unsubscribe = core.bus.subscribe((event, payload) => {
    const m = payload as Message
    if (event === 'message:added' && m.via === 'slack' && sentIn.has(m.text)) seenIn.set(m.text, performance.now())
  })
  let watching = true
  const watcher = (async () => {
    while (watching) {
      for (const room of rooms) {
        for (const m of slack.messages(room.channel)) if (sentOut.has(m.text) && !seenOut.has(m.text)) seenOut.set(m.text, performance.now())
      }
      await sleep(5)
    }
  })()

  const gapMs = 60_000 / PER_MINUTE / COMPRESSION
  const started = performance.now()
  for (let i = 0; i < PER_MINUTE; i++) {
    const room = rooms[i % CHANNELS]!
    const out = `outbound ${i}`
    const inbound = `inbound ${i}`
    await core.chat.send({ incidentId: room.incidentId, text: out }, actor)
    sentOut.set(out, performance.now())
    slack.injectUserMessage(room.channel, 'U0CAROL001', inbound)
    sentIn.set(inbound, performance.now())
    await sleep(Math.max(0, started + (i + 1) * gapMs - performance.now()))
  }
  await until(() => seenOut.size === PER_MINUTE && seenIn.size === PER_MINUTE, 120_000)
  watching = false
  await watcher
  unsubscribe()

  const lag = (sent: Map<string, number>, seen: Map<string, number>) => [...sent].map(([key, at]) => (seen.get(key) ?? NaN) - at)
  const outLag = summarize(lag(sentOut, seenOut))
  const inLag = summarize(lag(sentIn, seenIn))
  const rateLimited = slack.requests().filter((r) => r.status === 429).length
  const retried = (core.db.prepare(`SELECT count(*) AS n FROM outbox WHERE kind LIKE 'Slack.%' AND attempts > 1`).get() as { n: number }).n
  const duplicates = rooms.reduce((n, room) => n + slack.messages(room.channel).filter((m) => m.text.startsWith('outbound')).length, 0) - PER_MINUTE
  const inRoom = (core.db.prepare(`SELECT count(*) AS n FROM messages WHERE via = 'slack'`).get() as { n: number }).n

  console.log(`# ${PER_MINUTE} messages a minute each way over ${CHANNELS} channels, time compressed ${COMPRESSION}x (rate limits scaled alike)`)
  figure('slack_mirror_outbound_lag_p50', outLag.p50, 'ms')
  figure('slack_mirror_outbound_lag_p99', outLag.p99, 'ms')
  figure('slack_mirror_inbound_lag_p50', inLag.p50, 'ms')
  figure('slack_mirror_inbound_lag_p99', inLag.p99, 'ms')
  figure('slack_mirror_429_answers', rateLimited, 'count')
  figure('slack_mirror_posts_retried', retried, 'count')
  figure('slack_mirror_outbound_duplicates', duplicates, 'count')
  figure('slack_mirror_inbound_in_room', inRoom, 'count')

  if (!wired) await mirror.close()
  await t.dispose()
  await slack.close()
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchSlackMirror()
  process.exit(0)
}
