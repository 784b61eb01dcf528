import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ServiceStatus } from '../../../src/shared/domain'
import { shown, startRig, type MirrorRig } from '../mirror/rig'

/**
 * Slack goes away mid-stream four ways: nothing listens (connection refused), it answers 503, it
 * rate limits with Retry-After, and it hangs past our timeout after doing the work (so the post
 * landed but Virgil never heard). Waits are compressed (pending retries made due), never skipped.
 * Then it is back, and the stand-in counts: every line posted once, in the order it was said; the
 * top bar said what was wrong in words at each step.
 */
let rig: MirrorRig | undefined
afterEach(async () => {
  await rig?.dispose()
  rig = undefined
})

const TIMEOUT_MS = 400
const waitFor = (check: () => void | Promise<void>, timeout = 8000) => vi.waitFor(check, { timeout, interval: 25 })

describe('Slack outage mid-stream', () => {
  it('posts every line exactly once, in order, after refused, 5xx, 429 and hanging spells', async () => {
    rig = await startRig({ tuning: { timeoutMs: TIMEOUT_MS } })
    const r = rig
    const incident = await r.open()
    const channel = await r.channelOf(incident.id)
    await waitFor(() => expect(r.mirror.inboundStatus()).toBe('socket'))
    await r.drain()

    const said: string[] = []
    const say = async (text: string) => {
      said.push(text)
      await r.core.chat.send({ incidentId: incident.id, text }, r.core.actor())
    }
    const posted = () =>
      r.slack
        .messages(channel)
        .filter((m) => m.subtype === 'bot_message' && !m.thread_ts)
        .map(shown)
        .filter((t) => t.startsWith('line '))
    const slackPill = (): ServiceStatus => r.core.status.current().find((s) => s.name === 'Slack')!
    const pending = () => (r.core.db.prepare(`SELECT count(*) AS n FROM outbox WHERE status != 'done'`).get() as { n: number }).n
    const attempts = () => (r.core.db.prepare(`SELECT max(attempts) AS n FROM outbox WHERE status = 'pending'`).get() as { n: number | null }).n ?? 0
    // Every Slack state the top bar was pushed, in words.
    const told: string[] = []
    const unsubscribe = r.core.bus.subscribe((event, payload) => {
      if (event !== 'status:changed') return
      const slack = (payload as ServiceStatus[]).find((s) => s.name === 'Slack')
      if (slack && slack.state !== 'ok' && told.at(-1) !== slack.detail) told.push(slack.detail)
    })
    const toldAbout = (words: RegExp) => waitFor(() => expect(told.some((d) => words.test(d)), `top bar said ${String(words)}; it said: ${told.join(' | ')}`).toBe(true))
    /** Lets the worker try again at once, a few times, while the fault lasts. */
    const retryRounds = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const before = attempts()
        r.fastForward()
        await waitFor(() => expect(attempts()).toBeGreaterThan(before))
      }
    }
    let n = 0
    const sayLines = async (count: number) => {
      for (let i = 0; i < count; i++) await say(`line ${n++}`)
    }

    await sayLines(3)
    await r.drain()
    expect(posted()).toEqual(said)

    // 1. Nothing listens: ECONNREFUSED.
    await r.slack.goDown()
    await sayLines(4)
    await toldAbout(/Could not reach Slack for chat\.postMessage \(ECONNREFUSED\)/)
    await retryRounds(2)
    expect(slackPill().state).toBe('down')
    expect(slackPill().pending).toBeGreaterThanOrEqual(4)
    await r.slack.comeBack()

    // 2. Back, but answering 503 to everything.
    r.slack.setOutage(true, '5xx')
    r.fastForward()
    await sayLines(3)
    await toldAbout(/Slack answered (chat\.postMessage|conversations\.history) with HTTP 503; Slack may be having an outage/)
    await retryRounds(1)
    r.slack.setOutage(false)

    // 3. Rate limited, with Retry-After honoured.
    r.slack.failNext({ status: 429, retryAfter: 1 })
    r.fastForward()
    await toldAbout(/Slack is rate-limiting (chat\.postMessage|conversations\.history); it will be retried in 1 s/)
    await sayLines(2)

    // 4. Hanging past the timeout: the post lands, the answer never comes in time.
    r.slack.hangAll(TIMEOUT_MS * 3)
    r.fastForward()
    await sayLines(2)
    await toldAbout(new RegExp(`Slack did not answer (chat\\.postMessage|conversations\\.history) within ${TIMEOUT_MS / 1000} s`))
    r.slack.hangAll(0)

    // Back for good: everything drains.
    for (let i = 0; i < 30 && pending() > 0; i++) {
      r.fastForward()
      await new Promise((resolve) => setTimeout(resolve, 100))
      await r.core.outbox.idle()
    }
    await r.drain()
    expect(pending()).toBe(0)
    await sayLines(2)
    await r.drain()
    unsubscribe()

    // Counted at the stand-in: each line once, in the order said.
    expect(said).toHaveLength(16)
    expect(posted()).toEqual(said)
    // Each line reached Slack once, even the one whose answer hung (the retry found it instead of posting again).
    const landed = r.slack.requests().filter((q) => q.method === 'chat.postMessage' && q.status === 200 && String(q.params['text']).startsWith('line '))
    expect(landed.map((q) => String(q.params['text']))).toEqual(said)
    expect(r.slack.requests().some((q) => q.status === 429)).toBe(true)
    expect(slackPill()).toMatchObject({ state: 'ok', pending: 0 })
    // The room said once that Slack was in trouble, and that the held lines went out.
    const notes = (await r.room(incident.id)).filter((m) => m.kind === 'system').map((m) => m.text)
    expect(notes.some((t) => /Slack mirror of a message failed: .*nothing is lost/.test(t))).toBe(true)
  }, 45_000)
})
