import { afterEach, describe, expect, it } from 'vitest'
import { incidentInput } from '../core/make-core'
import { EXEC_PHONE, SOC_PHONE, startRig, type Rig } from './rig'

let rig: Rig
afterEach(async () => rig.dispose())

describe('paging on analysts\' P1/P2 incidents', () => {
  it('pages SOC and executives by SMS and email once when an analyst opens a P1', async () => {
    rig = await startRig()
    const actor = rig.core.actor()
    const incident = await rig.core.incidents.create({ ...incidentInput, impact: 'high', urgency: 'high', conditions: [], members: [] }, actor)
    expect(incident.priority).toBe('P1')
    await rig.core.outbox.drain()

    expect(rig.aws.model.sms.map((s) => s.phoneNumber).sort()).toEqual([SOC_PHONE, EXEC_PHONE].sort())
    expect(rig.aws.model.sms[0]?.message).toBe(`[Virgil] P1 ${incident.number} opened by Analyst: Phishing mail to the CFO. Leader: Ana.`)
    expect(rig.smtp.messages.map((m) => m.to).sort()).toEqual([['ciso@example.com'], ['soc@example.com']])
    expect(rig.smtp.messages[0]?.subject).toBe(`[Virgil P1] ${incident.number} Phishing mail to the CFO`)
    const room = await rig.roomText(incident.id)
    expect(room).toEqual(expect.arrayContaining([`Paged ${SOC_PHONE} by SMS.`, 'Emailed the SOC list (1 of 1 accepted).']))

    // Edits, a drop to P3 and a return to P1 page nobody again: once per level.
    await rig.core.incidents.update({ id: incident.id, title: 'Phishing mail to the CFO and CEO' }, actor)
    await rig.core.incidents.update({ id: incident.id, impact: 'medium', urgency: 'medium' }, actor)
    await rig.core.incidents.update({ id: incident.id, impact: 'high', urgency: 'high' }, actor)
    await rig.core.outbox.drain()
    expect(rig.aws.model.sms).toHaveLength(2)
    expect(rig.smtp.messages).toHaveLength(2)
  })

  it('pages when a P3 is escalated to P2, and not for a P3', async () => {
    rig = await startRig()
    const actor = rig.core.actor()
    const incident = await rig.core.incidents.create({ ...incidentInput, conditions: [], members: [] }, actor)
    expect(incident.priority).toBe('P3')
    await rig.core.outbox.drain()
    expect(rig.aws.model.sms).toHaveLength(0)

    await rig.core.incidents.update({ id: incident.id, impact: 'high' }, actor)
    await rig.core.outbox.drain()
    expect(rig.aws.model.sms).toHaveLength(2)
    expect(rig.aws.model.sms[0]?.message).toContain(`P2 ${incident.number} escalated by Analyst`)
    const keys = (rig.core.db.prepare(`SELECT key FROM outbox ORDER BY id`).all() as { key: string }[]).map((r) => r.key)
    expect(keys).toContain(`page:${incident.id}:P2:${SOC_PHONE}`)
    expect(keys).toContain(`page:${incident.id}:P2:email-exec`)
  })

  it('keeps a page that SNS throttles and sends it once it may', async () => {
    rig = await startRig()
    rig.aws.failNext({ service: 'sns', status: 400, code: 'Throttling', message: 'Rate exceeded', times: 1 })
    const incident = await rig.core.incidents.create({ ...incidentInput, impact: 'high', urgency: 'medium', conditions: [], members: [] }, rig.core.actor())
    await rig.core.outbox.drain(10_000)
    expect(rig.aws.model.sms).toHaveLength(2)
    const failed = rig.core.log.eventsFor(incident.id).filter((e) => e.type === 'outbox.failed')
    expect(failed).toHaveLength(1)
    expect(failed[0]?.payload).toMatchObject({ kind: 'SMS.send', error: { code: 'RATE_LIMITED' } })
  }, 15_000)
})
