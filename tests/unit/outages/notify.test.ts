import { afterEach, describe, expect, it } from 'vitest'
import type { ServiceStatus } from '../../../src/shared/domain'
import { splunkPayload } from '../../standins/splunk-sender'
import { EXEC_PHONE, SOC_PHONE, startRig, type Rig } from '../alerts/rig'

/**
 * ServiceNow, SNS (SMS) and SMTP go down while alerts keep arriving: refused connections, 5xx,
 * 429 with Retry-After (SNS: its Throttling answer), and a hang past the client timeout. Waits are
 * compressed (every pending retry is made due at once), never skipped. Then each is back, and the
 * stand-ins count: every ticket, SMS and email delivered exactly once, pages in order.
 */
let rig: Rig
afterEach(async () => rig.dispose())

describe('paging and tickets through outages', () => {
  it('delivers every ticket, SMS and email exactly once, in order, and the top bar says what was wrong', async () => {
    rig = await startRig({ serviceNowTimeoutMs: 300, awsTimeoutMs: 300, smtpTimeoutMs: 300 })
    const r = rig
    const send = async (host: string) => {
      const reply = await r.sender.splunk(splunkPayload({ result: { host, src: '203.0.113.7', user: 'root', count: '412', severity: 'critical' } }))
      expect(reply.status).toBe(202)
      return reply.body as { alertId: string; number: string }
    }
    const pill = (name: string): ServiceStatus => r.core.status.current().find((s) => s.name === name)!
    const pending = () => (r.core.db.prepare(`SELECT count(*) AS n FROM outbox WHERE status != 'done'`).get() as { n: number }).n
    /** Makes every pending retry due now and lets the worker try once more. */
    const round = async () => {
      r.core.db.prepare(`UPDATE outbox SET next_at = 0 WHERE status = 'pending'`).run()
      r.core.outbox.kick()
      await new Promise((resolve) => setTimeout(resolve, 60))
      await r.core.outbox.idle()
    }
    // Everything the top bar was told, as it was pushed to it.
    const seen: Record<string, string[]> = { ServiceNow: [], SNS: [], Email: [] }
    const unsubscribe = r.core.bus.subscribe((event, payload) => {
      if (event !== 'status:changed') return
      for (const s of payload as ServiceStatus[]) if (s.name in seen && s.state !== 'ok' && seen[s.name]!.at(-1) !== s.detail) seen[s.name]!.push(s.detail)
    })

    const first = await send('web-01')
    await r.core.outbox.drain()
    expect([r.snow.incidents.length, r.aws.model.sms.length, r.smtp.messages.length]).toEqual([1, 2, 2])

    // Down: nothing listens.
    await Promise.all([r.snow.goDown(), r.aws.goDown(), r.smtp.goDown()])
    const second = await send('web-02')
    await round()
    expect(pill('ServiceNow').detail).toMatch(/^Cannot reach ServiceNow at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/)
    expect(pill('Email').detail).toContain('connection refused')
    expect(pill('SNS').state).not.toBe('ok')
    await Promise.all([r.snow.comeBack(), r.aws.comeBack(), r.smtp.comeBack()])

    // Back but sick: 5xx and a deferred message.
    r.snow.failNext(503)
    r.aws.failNext({ service: 'sns', status: 500, code: 'InternalFailure', message: 'The request processing has failed because of an unknown error.', times: 1 })
    r.smtp.failNextData(451, '4.3.0 Temporary server error, try again later')
    await round()

    // Rate limited: ServiceNow's 429 with Retry-After is honoured; SNS throttles.
    // (Set before the alert: the worker picks its effects up the moment they commit.)
    r.snow.failNext(429, { 'retry-after': '1' })
    r.aws.throttleNext('sns')
    const third = await send('web-03')
    await round()
    const limited = r.core.db.prepare(`SELECT next_at FROM outbox WHERE kind = 'ServiceNow.ticket' AND last_error LIKE '%RATE_LIMITED%' AND status = 'pending'`).all() as { next_at: number }[]
    expect(limited.length).toBeGreaterThan(0)
    for (const row of limited) expect(row.next_at - Date.now()).toBeLessThanOrEqual(1_000)
    expect(seen.ServiceNow!.some((d) => d.includes('ServiceNow is rate limiting us (429)'))).toBe(true)

    // Hanging past the timeout: the ticket create may land while we stop waiting.
    r.snow.hangAll(3_000)
    r.smtp.hangGreeting(3_000)
    await round()
    expect(seen.ServiceNow!.some((d) => d.includes('ServiceNow did not answer within 0.3 s'))).toBe(true)
    r.snow.hangAll(0)
    r.smtp.hangGreeting(0)

    for (let i = 0; i < 12 && pending() > 0; i++) await round()
    expect(pending()).toBe(0)

    // Counted at the stand-ins: one ticket per alert, two SMS and two emails per alert, in order.
    const alerts = [first, second, third]
    expect(r.snow.incidents.map((i) => i.correlation_id).sort()).toEqual(alerts.map((a) => a.alertId).sort())
    for (const phone of [SOC_PHONE, EXEC_PHONE]) {
      const texts = r.aws.model.sms.filter((s) => s.phoneNumber === phone).map((s) => s.message)
      expect(texts).toHaveLength(3)
      alerts.forEach((a, i) => expect(texts[i]).toContain(a.number))
    }
    for (const list of ['soc@example.com', 'ciso@example.com']) {
      const subjects = r.smtp.messages.filter((m) => m.to.includes(list)).map((m) => m.subject)
      expect(subjects).toHaveLength(3)
      alerts.forEach((a, i) => expect(subjects[i]).toContain(a.number))
    }
    unsubscribe()
    for (const name of Object.keys(seen)) {
      expect(seen[name]!.length).toBeGreaterThan(0)
      expect(pill(name)).toMatchObject({ state: 'ok', pending: 0 })
    }
    const said = (name: string, words: string) => expect(seen[name]!.some((d) => d.includes(words)), `${name} said "${words}"`).toBe(true)
    said('SNS', 'Could not reach AWS SNS in eu-west-1 (ECONNREFUSED)')
    said('SNS', 'AWS SNS failed on its side (500 InternalFailure)')
    said('SNS', 'AWS SNS is throttling our requests')
    said('Email', 'deferred the message (451)')
    said('Email', 'did not answer in time')
    said('ServiceNow', 'ServiceNow is having trouble (503)')
  }, 20_000)
})
