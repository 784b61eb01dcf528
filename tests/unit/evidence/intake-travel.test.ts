import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Incident, Message, Suggestions } from '../../../src/shared/domain'
import { startServiceNow, type ServiceNowStandin } from '../../standins/servicenow'
import { ServiceNowClient } from '../../../src/main/core/integrations/servicenow'
import { call, incidentInput, makeCore, type TestCore } from '../core/make-core'
import { mustUpload } from './upload-rig'

const fixture = (name: string): Buffer => readFileSync(join(import.meta.dirname, '../../fixtures', name))
let t: TestCore
let snow: ServiceNowStandin | undefined

afterEach(async () => {
  await t.dispose()
  await snow?.close()
  snow = undefined
})

/** A ZIP whose directory claims entries far larger than the archive: the shape of a zip bomb. */
function bombZip(entries: number): Buffer {
  const central: Buffer[] = []
  for (let i = 0; i < entries; i++) {
    const name = Buffer.from(`layer-${i}.bin`)
    const h = Buffer.alloc(46)
    h.writeUInt32LE(0x02014b50, 0)
    h.writeUInt32LE(1000, 20)
    h.writeUInt32LE(4_000_000_000, 24)
    h.writeUInt16LE(name.length, 28)
    central.push(h, name)
  }
  const dir = Buffer.concat(central)
  const local = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.alloc(1000)])
  const eocd = Buffer.alloc(22)
  eocd.writeUInt32LE(0x06054b50, 0)
  eocd.writeUInt16LE(entries, 8)
  eocd.writeUInt16LE(entries, 10)
  eocd.writeUInt32LE(dir.length, 12)
  eocd.writeUInt32LE(local.length, 16)
  return Buffer.concat([local, dir, eocd])
}

describe('evidence travels', () => {
  it('lists a zip bomb from its directory, capped, without unpacking it', async () => {
    t = makeCore()
    const incident = await call<Incident>(t.core, 'incident:create', incidentInput)
    const m = await mustUpload(t.core, incident.id, 'invoice.zip', bombZip(500))
    expect(m.evidence?.type.ext).toBe('zip')
    expect(m.evidence?.archive?.total).toBe(500)
    expect(m.evidence?.archive?.entries).toHaveLength(200)
    expect(m.evidence?.warnings.join(' ')).toMatch(/Possible zip bomb/)
    expect(m.evidence?.warnings.join(' ')).toMatch(/first 200 of 500 entries/)
  })

  it('lists files and blobs with their hashes in the evidence export', async () => {
    t = makeCore()
    const incident = await call<Incident>(t.core, 'incident:create', incidentInput)
    const m = await mustUpload(t.core, incident.id, 'phishing.eml', fixture('phishing.eml'))
    const exported = await call<{ json: string; chainOk: boolean }>(t.core, 'incident:export', { id: incident.id })
    const bundle = JSON.parse(exported.json) as { files: { name: string; hashes: { sha256: string }; email?: { auth: { spf: string } } }[]; blobs: { sha256: string; names: string[] }[] }
    expect(exported.chainOk).toBe(true)
    expect(bundle.files[0]?.hashes.sha256).toBe(m.evidence?.hashes.sha256)
    expect(bundle.files[0]?.email?.auth.spf).toBe('fail')
    expect(bundle.blobs.map((b) => b.names[0])).toEqual(['phishing.eml', 'invoice-1997.pdf'])
    const chunks: Buffer[] = []
    for await (const c of t.core.intake.open(bundle.blobs[0]?.sha256 ?? '')) chunks.push(c as Buffer)
    expect(Buffer.concat(chunks).equals(fixture('phishing.eml'))).toBe(true)
    expect(() => t.core.intake.open('0'.repeat(64))).toThrow(/not on this workstation/)
  })

  it('pre-fills suggestions with indicators from the uploads', async () => {
    t = makeCore()
    const incident = await call<Incident>(t.core, 'incident:create', { ...incidentInput, title: 'Reported phish', description: 'User forwarded a mail' })
    await mustUpload(t.core, incident.id, 'phishing.eml', fixture('phishing.eml'))
    const s = await call<Suggestions>(t.core, 'suggest:get', { incidentId: incident.id })
    const filled = s.next.filter((n) => n.line.replace(/^!/, '') !== n.command && !n.line.endsWith(' '))
    expect(filled.length).toBeGreaterThan(0)
    for (const n of filled) expect(n.line).toMatch(/example\.(com|net|org)|192\.0\.2\.25|203\.0\.113\.66|[0-9a-f]{64}/)
  })

  it('ticket pull imports a ServiceNow ticket with its work notes as a card', async () => {
    snow = await startServiceNow()
    t = makeCore({ settingsOverrides: { servicenow: { baseUrl: snow.url, user: 'virgil.integration', assignmentGroup: '' } } })
    await t.core.settings.setSecret('servicenow.password', 'standin-password', t.core.actor())
    const client = new ServiceNowClient({ baseUrl: snow.url, auth: { user: 'virgil.integration', password: 'standin-password' } })
    const created = await client.createIncident({ shortDescription: 'User reports phishing mail', description: 'Forwarded to soc@', urgency: 2, impact: 2, correlationId: 'x1' })
    snow.addWorkNote(created.number, 'Called the user; link was clicked at 09:12 from 198.51.100.23')
    const incident = await call<Incident>(t.core, 'incident:create', incidentInput)
    await call<Message>(t.core, 'chat:send', { incidentId: incident.id, text: `!ticket pull ${created.number.toLowerCase()}` })
    await t.core.runner.idle()
    const items = (await call<{ items: Message[] }>(t.core, 'timeline:get', { incidentId: incident.id })).items
    const card = items.find((m) => m.evidence)?.evidence
    expect(card?.kind).toBe('ticket')
    expect(card?.ticket?.fields).toContainEqual({ label: 'Short description', value: 'User reports phishing mail' })
    expect(card?.ticket?.workNotes[0]?.text).toMatch(/link was clicked/)
    expect(card?.iocs).toContainEqual({ type: 'ipv4', value: '198.51.100.23' })
    expect(items.find((m) => m.command)?.command?.status).toBe('ok')
    await call(t.core, 'chat:send', { incidentId: incident.id, text: '!ticket pull INC9999999' })
    await t.core.runner.idle()
    const last = (await call<{ items: Message[] }>(t.core, 'timeline:get', { incidentId: incident.id })).items.filter((m) => m.command).at(-1)
    expect(last?.command?.error?.message).toMatch(/no ticket INC9999999/)
  })
})
