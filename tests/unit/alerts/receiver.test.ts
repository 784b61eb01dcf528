import { afterEach, describe, expect, it } from 'vitest'
import { splunkPayload } from '../../standins/splunk-sender'
import { SECRET, startRig, type Rig } from './rig'

let rig: Rig
afterEach(async () => rig.dispose())

const generic = (extra: Record<string, unknown> = {}) => ({
  source: 'crowdstrike',
  type: 'malware-detected',
  severity: 'high',
  title: 'Emotet loader on FIN-LAPTOP-07',
  description: 'Falcon blocked a loader; a second stage may have run before.',
  occurredAt: '2025-06-01T12:00:00Z',
  fields: { host: 'FIN-LAPTOP-07', user: 'j.doe', sha256: 'ab'.repeat(32) },
  ...extra
})

/** Everything an alert could have changed. */
function footprint(r: Rig) {
  return { events: r.count('events'), alerts: r.count('alerts'), incidents: r.count('incidents'), outbox: r.count('outbox'), tickets: r.snow.incidents.length }
}

describe('alert receiver', () => {
  it('turns a signed Splunk alert into an incident, a ServiceNow ticket, pages and a notification', async () => {
    rig = await startRig()
    const payload = splunkPayload({ result: { host: 'web-01', src: '203.0.113.7', user: 'root', count: '412', severity: 'critical' } })
    const reply = await rig.sender.splunk(payload, { sign: { key: rig.splunkToken } })
    expect(reply.status).toBe(202)
    const body = reply.body as { alertId: string; incidentId: string; number: string }

    const [incident] = await rig.incidents()
    expect(incident).toMatchObject({ id: body.incidentId, number: body.number, source: 'alert', priority: 'P1', title: 'Splunk: Brute force against SSH on web-01' })
    expect(incident?.description).toContain('src: 203.0.113.7')
    expect(incident?.description).toContain(`Search id: ${payload.sid}`)
    expect(rig.raised).toEqual([expect.objectContaining({ incidentId: body.incidentId, number: body.number, priority: 'P1' })])

    await rig.core.outbox.drain()
    expect(rig.snow.incidents).toHaveLength(1)
    expect(rig.snow.incidents[0]).toMatchObject({ correlation_id: body.alertId, impact: '1', urgency: '1' })
    expect(rig.snow.incidents[0]?.short_description).toBe(`${body.number} Splunk: Brute force against SSH on web-01`)
    const stored = await rig.core.incidents.get(body.incidentId)
    expect(stored.ticket).toMatchObject({ system: 'servicenow', number: rig.snow.incidents[0]?.number })
    expect((await rig.roomText(body.incidentId)).some((t) => t.startsWith(`Ticket ${rig.snow.incidents[0]?.number} created in ServiceNow`))).toBe(true)
    // P1 pages the SOC and executive phones and both lists.
    expect(rig.aws.model.sms.map((s) => s.phoneNumber).sort()).toEqual(['+447700900123', '+447700900456'])
    expect(rig.aws.model.sms[0]?.message).toContain(`P1 ${body.number}`)
    expect(rig.smtp.messages.map((m) => m.to[0]).sort()).toEqual(['ciso@example.com', 'soc@example.com'])
    expect(rig.smtp.messages[0]?.raw).toContain('host: web-01')
    const types = rig.core.log.eventsFor(body.incidentId).map((e) => e.type)
    expect(types.slice(0, 2)).toEqual(['alert.received', 'incident.opened'])
    expect(types).toContain('ticket.created')
  })

  it('refuses forged, stale and replayed alerts, and changes nothing', async () => {
    rig = await startRig()
    const before = footprint(rig)
    const payload = splunkPayload()
    const wrongKey = await rig.sender.splunk(payload, { sign: { key: 'not-the-token' } })
    expect(wrongKey.status).toBe(401)
    const wrongToken = await rig.sender.splunk(payload, { path: '/alerts/splunk/forged-token' })
    expect(wrongToken.status).toBe(401)
    expect(wrongToken.headers['www-authenticate']).toContain('Basic')
    const genericTokenOnSplunk = await rig.sender.splunk(payload, { path: `/alerts/splunk/${rig.genericToken}` })
    expect(genericTokenOnSplunk.status).toBe(401)
    const stale = await rig.sender.splunk(payload, { sign: { key: rig.splunkToken, timestampSec: Math.floor(Date.now() / 1000) - 6 * 60 } })
    expect(stale.status).toBe(401)
    expect((stale.body as { error: { message: string } }).error.message).toMatch(/more than 5 minutes/)
    expect(footprint(rig)).toEqual(before)

    // The same signed request twice: the second is a replay, even after a restart.
    const ts = Math.floor(Date.now() / 1000)
    const first = await rig.sender.splunk(payload, { sign: { key: rig.splunkToken, timestampSec: ts } })
    expect(first.status).toBe(202)
    const after = footprint(rig)
    const replay = await rig.sender.splunk(payload, { sign: { key: rig.splunkToken, timestampSec: ts } })
    expect(replay.status).toBe(409)
    await rig.restart()
    const replayAfterRestart = await rig.sender.splunk(payload, { sign: { key: rig.splunkToken, timestampSec: ts } })
    expect(replayAfterRestart.status).toBe(409)
    const { events: _e, tickets: _t, ...stored } = after
    const { events: _e2, tickets: _t2, ...storedNow } = footprint(rig)
    expect(storedNow).toEqual(stored)
    expect(stored).toMatchObject({ alerts: 1, incidents: 1 })
    await rig.core.outbox.drain()
    expect(rig.snow.incidents).toHaveLength(1)
  })

  it('accepts the token as Basic auth or Bearer, and the master secret anywhere', async () => {
    rig = await startRig()
    const basic = await rig.sender.generic(generic(), { basic: { user: 'crowdstrike', password: rig.genericToken } })
    expect(basic.status).toBe(202)
    const master = await rig.sender.generic(generic({ dedupKey: 'cs-1' }), { path: `/alerts/generic/${encodeURIComponent(SECRET)}` })
    expect(master.status).toBe(202)
    const none = await rig.sender.generic(generic({ dedupKey: 'cs-2' }))
    expect(none.status).toBe(401)
    const bearer = await fetch(`${rig.alerts.receiverUrl()}/alerts/generic`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${rig.genericToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(generic({ dedupKey: 'cs-3' }))
    })
    expect(bearer.status).toBe(202)
    expect(rig.count('alerts')).toBe(3)
  })

  it('answers bad requests fast with the right 4xx and stores nothing', async () => {
    rig = await startRig({ listen: { bodyTimeoutMs: 300, headersTimeoutMs: 300 } })
    const before = footprint(rig)
    const auth = { basic: { user: 'x', password: rig.genericToken } }

    const tooBig = await rig.sender.raw(JSON.stringify({ ...generic(), description: 'x'.repeat(300 * 1024) }), { path: '/alerts/generic', ...auth })
    expect(tooBig.status).toBe(413)
    const broken = await rig.sender.raw('{"source": "crowdstrike", ', { path: '/alerts/generic', ...auth })
    expect(broken.status).toBe(400)
    const wrongSeverity = await rig.sender.generic(generic({ severity: 'apocalyptic', title: 'x' }), auth)
    expect(wrongSeverity.status).toBe(422)
    const words = (wrongSeverity.body as { error: { message: string } }).error.message
    expect(words).toContain('severity must be a number from 1 to 10 or one of low, medium, high, critical')
    expect(words).toContain('title needs at least 3 characters')
    const unknownField = await rig.sender.generic(generic({ colour: 'red' }), auth)
    expect(unknownField.status).toBe(422)
    expect((unknownField.body as { error: { message: string } }).error.message).toContain('colour')
    const missingSid = await rig.sender.raw(JSON.stringify({ search_name: 'x', result: {} }), {})
    expect(missingSid.status).toBe(422)
    expect((missingSid.body as { error: { message: string } }).error.message).toContain('sid is required')
    const get = await rig.sender.raw('', { method: 'GET', path: `/alerts/splunk/${rig.splunkToken}` })
    expect(get.status).toBe(405)
    expect(get.headers.allow).toBe('POST')
    const nowhere = await rig.sender.raw('{}', { path: '/alerts/qradar' })
    expect(nowhere.status).toBe(404)

    const started = performance.now()
    const slowBody = await rig.sender.generic(generic(), { ...auth, stallBodyMs: 1_500 })
    expect(slowBody.status).toBe(408)
    expect(performance.now() - started).toBeLessThan(1_200)
    const slowHeaders = await rig.sender.slowHeaders('/alerts/generic', 3_000)
    expect(slowHeaders).toMatch(/^HTTP\/1\.1 408/)
    expect(footprint(rig)).toEqual(before)
  })

  it('yields one alert, one incident and one ticket for the same alert delivered many times', async () => {
    rig = await startRig()
    const splunk = splunkPayload()
    const statuses = [] as number[]
    for (let i = 0; i < 3; i++) statuses.push((await rig.sender.splunk(splunk)).status)
    // The same generic body with its keys in another order, and a dedupKey'd one resent with a new title.
    const a = generic()
    const reordered = Object.fromEntries(Object.entries(a).reverse())
    const auth = { basic: { user: 'crowdstrike', password: rig.genericToken } }
    statuses.push((await rig.sender.generic(a, auth)).status, (await rig.sender.generic(reordered, auth)).status)
    statuses.push((await rig.sender.generic(generic({ dedupKey: 'evt-9' }), auth)).status)
    statuses.push((await rig.sender.generic(generic({ dedupKey: 'evt-9', title: 'Same event, new words' }), auth)).status)
    expect(statuses).toEqual([202, 200, 200, 202, 200, 202, 200])
    await rig.core.outbox.drain()
    expect(rig.count('alerts')).toBe(3)
    expect(await rig.incidents()).toHaveLength(3)
    expect(rig.snow.incidents).toHaveLength(3)
    expect(new Set(rig.snow.incidents.map((i) => i.correlation_id)).size).toBe(3)
    expect(rig.raised).toHaveLength(3)
  })
})
