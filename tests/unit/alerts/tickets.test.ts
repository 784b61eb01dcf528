import { afterEach, describe, expect, it } from 'vitest'
import { splunkPayload } from '../../standins/splunk-sender'
import { startRig, type Rig } from './rig'

let rig: Rig
afterEach(async () => rig.dispose())

const lowSplunk = () => splunkPayload({ result: { host: 'web-02', severity: 'medium' } })

async function openOne(r: Rig): Promise<{ alertId: string; incidentId: string; number: string }> {
  const reply = await r.sender.splunk(lowSplunk())
  expect(reply.status).toBe(202)
  return reply.body as { alertId: string; incidentId: string; number: string }
}

describe('alert tickets', () => {
  it('files exactly one ServiceNow ticket when the create is slow, times out, and the retry runs', async () => {
    rig = await startRig({ serviceNowTimeoutMs: 300 })
    // The create lands but answers late; the follow-up lookup fails too, so the whole attempt fails.
    rig.snow.delayNextMs(1_000, (r) => r.method === 'POST')
    rig.snow.failWhen((r) => r.method === 'GET' && rig.snow.requests.some((q) => q.method === 'POST'), 503)
    const alert = await openOne(rig)
    await rig.core.outbox.drain(8_000)

    expect(rig.snow.incidents).toHaveLength(1)
    expect(rig.snow.incidents[0]?.correlation_id).toBe(alert.alertId)
    expect(rig.snow.requests.filter((r) => r.method === 'POST')).toHaveLength(1)
    const incident = await rig.core.incidents.get(alert.incidentId)
    expect(incident.ticket).toMatchObject({ system: 'servicenow', number: rig.snow.incidents[0]?.number })
    const events = rig.core.log.eventsFor(alert.incidentId)
    expect(events.filter((e) => e.type === 'outbox.failed')).toHaveLength(1)
    expect(events.find((e) => e.type === 'outbox.delivered' && e.payload.kind === 'ServiceNow.ticket')?.payload).toMatchObject({
      attempts: 2,
      outcome: { created: false }
    })
    const room = await rig.roomText(alert.incidentId)
    expect(room.some((t) => t.includes('Filing the ServiceNow ticket') && t.includes('Virgil keeps retrying'))).toBe(true)
    const number = rig.snow.incidents[0]?.number ?? ''
    expect(room).toContain(`Found existing ticket ${number} in ServiceNow for this alert; no second ticket filed`)
    expect(room.some((t) => t.startsWith(`Ticket ${number} created`))).toBe(false)
  })

  it('parks the ticket on a 401, says so in the room, and files it once the password is fixed', async () => {
    rig = await startRig()
    await rig.core.settings.setSecret('servicenow.password', 'expired-password', rig.core.actor())
    const alert = await openOne(rig)
    await rig.core.outbox.drain()

    expect(rig.snow.incidents).toHaveLength(0)
    const row = rig.core.db.prepare(`SELECT status FROM outbox WHERE kind = 'ServiceNow.ticket'`).get() as { status: string }
    expect(row.status).toBe('parked')
    const room = await rig.roomText(alert.incidentId)
    const words = room.find((t) => t.startsWith(`Filing the ServiceNow ticket for ${alert.number} failed`))
    expect(words).toContain('Check the ServiceNow user and password')
    expect(words).toContain('on hold until this is fixed in Settings')
    expect(rig.core.status.current().find((s) => s.name === 'ServiceNow')).toMatchObject({ state: 'down', pending: 1 })

    await rig.core.settings.setSecret('servicenow.password', 'standin-password', rig.core.actor())
    await rig.core.outbox.drain()
    expect(rig.snow.incidents).toHaveLength(1)
    expect((await rig.core.incidents.get(alert.incidentId)).ticket?.system).toBe('servicenow')
  })

  it('gives the incident a local ticket at once when ServiceNow is not set up', async () => {
    rig = await startRig({ serviceNow: false })
    const first = await openOne(rig)
    const second = await openOne(rig)
    expect((await rig.core.incidents.get(first.incidentId)).ticket).toEqual({ system: 'local', number: 'LTK0000001' })
    expect((await rig.core.incidents.get(second.incidentId)).ticket).toEqual({ system: 'local', number: 'LTK0000002' })
    expect(rig.count(`outbox WHERE kind = 'ServiceNow.ticket'`)).toBe(0)
    expect(rig.snow.requests).toHaveLength(0)
  })
})
