import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Incident, Message } from '../../../src/shared/domain'
import { call, incidentInput, makeCore, type TestCore } from '../core/make-core'
import { mustUpload, upload } from './upload-rig'

const fixture = (name: string): Buffer => readFileSync(join(import.meta.dirname, '../../fixtures', name))
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex')

let t: TestCore
let incident: Incident

beforeEach(async () => {
  t = makeCore({ uploadLimitBytes: 2 * 1024 * 1024 })
  incident = await call<Incident>(t.core, 'incident:create', incidentInput)
})
afterEach(async () => t.dispose())

async function timeline(): Promise<Message[]> {
  return (await call<{ items: Message[] }>(t.core, 'timeline:get', { incidentId: incident.id })).items
}

describe('evidence intake', () => {
  it('parses a phishing email: verdicts, hops, URLs, attachment hashes, all in the chained log', async () => {
    const bytes = fixture('phishing.eml')
    const m = await mustUpload(t.core, incident.id, 'phishing.eml', bytes)
    const card = m.evidence
    expect(card?.kind).toBe('email')
    expect(card?.hashes.sha256).toBe(sha256(bytes))
    expect(card?.hashes.md5).toBe(createHash('md5').update(bytes).digest('hex'))
    expect(card?.email?.auth).toEqual({ spf: 'fail', dkim: 'none', dmarc: 'fail' })
    expect(card?.email?.subject).toBe('Action required: your mailbox is full')
    expect(card?.email?.replyTo).toContain('collect@mailer.example.org')
    expect(card?.email?.returnPath).toBe('<bounce@mailer.example.org>')
    expect(card?.email?.hops.map((h) => h.ip)).toEqual(['192.0.2.25', '203.0.113.66'])
    expect(card?.email?.hops[1]?.at).toBe('1997-11-21T15:55:06.000Z')
    expect(card?.email?.urls).toContain('http://login-micros0ft.example.net/verify?u=mary')
    expect(card?.email?.bodyText).not.toMatch(/<script|<a /)
    const att = card?.email?.attachments[0]
    expect(att?.name).toBe('invoice-1997.pdf')
    expect(t.core.intake.store.has(att?.hashes.sha256 ?? '')).toBe(true)
    expect(card?.iocs.some((i) => i.type === 'ipv4' && i.value === '203.0.113.66')).toBe(true)

    const events = t.core.log.eventsFor(incident.id).filter((e) => e.type === 'evidence.added')
    expect(events).toHaveLength(1)
    expect(JSON.stringify(events[0]?.payload)).toContain(sha256(bytes))
    const blobs = t.core.intake.listBlobs(incident.id)
    expect(blobs.map((b) => b.names[0])).toEqual(['phishing.eml', 'invoice-1997.pdf'])
  })

  it('finds the subject and the body through search', async () => {
    await mustUpload(t.core, incident.id, 'phishing.eml', fixture('phishing.eml'))
    const { hits: bySubject } = await call<{ hits: { messageId?: string }[] }>(t.core, 'search:query', { query: 'mailbox is full' })
    expect(bySubject.some((h) => h.messageId)).toBe(true)
    const { hits: byBody } = await call<{ hits: { messageId?: string; snippet: string }[] }>(t.core, 'search:query', { query: 'within 24 hours' })
    expect(byBody.filter((h) => h.messageId)).toHaveLength(1)
  })

  it('keeps one blob for a duplicate upload and says so on the second card', async () => {
    const bytes = Buffer.from('2026-12-04T01:02:03Z sshd[1]: Failed password for root from 198.51.100.9\n')
    await mustUpload(t.core, incident.id, 'auth.log', bytes)
    const again = await mustUpload(t.core, incident.id, 'copy-of-auth.log', bytes)
    expect(again.evidence?.warnings.join(' ')).toMatch(/same file .* stored once/)
    const dir = join(t.dataDir, 'blobs', sha256(bytes).slice(0, 2), sha256(bytes).slice(2, 4))
    expect(readdirSync(dir)).toEqual([sha256(bytes)])
    expect(again.evidence?.type.label).toBe('Text log')
    expect(again.evidence?.iocs).toContainEqual({ type: 'ipv4', value: '198.51.100.9' })
  })

  it('streams a multi-part file and hashes it while it arrives', async () => {
    const bytes = Buffer.alloc(1024 * 1024 + 17, 7)
    const m = await mustUpload(t.core, incident.id, 'blob.bin', bytes)
    expect(m.evidence?.size).toBe(bytes.length)
    expect(m.evidence?.hashes.sha256).toBe(sha256(bytes))
    expect(readdirSync(join(t.dataDir, 'blobs', 'tmp'))).toEqual([])
  })

  it('refuses an empty file and one over the limit, each with a line in the room', async () => {
    const empty = await upload(t.core, incident.id, 'empty.txt', new Uint8Array())
    expect(empty.ok).toBe(false)
    const big = await upload(t.core, incident.id, 'memory.dmp', new Uint8Array(10), 3 * 1024 * 1024)
    expect(!big.ok && big.error.message).toMatch(/3\.0 MB and the limit is 2\.0 MB/)
    const lines = (await timeline()).filter((m) => m.kind === 'system').map((m) => m.text)
    expect(lines).toContainEqual(expect.stringMatching(/Could not add "empty.txt": the file is empty/))
    expect(lines).toContainEqual(expect.stringMatching(/Could not add "memory.dmp": it is 3\.0 MB/))
  })

  it('refuses parts that overrun the announced size, out of order, or not base64', async () => {
    const actor = t.core.actor()
    const begun = await t.core.dispatch('upload:begin', { incidentId: incident.id, name: 'a.txt', size: 3 }, actor)
    const uploadId = begun.ok ? (begun.value as { uploadId: string }).uploadId : ''
    const bad = await t.core.dispatch('upload:chunk', { uploadId, index: 0, data: 'not base64!' }, actor)
    expect(!bad.ok && bad.error.message).toMatch(/data: is not base64/)
    const late = await t.core.dispatch('upload:chunk', { uploadId, index: 3, data: 'YWJj' }, actor)
    expect(!late.ok && late.error.message).toMatch(/out of order/)
    const over = await t.core.dispatch('upload:chunk', { uploadId, index: 0, data: Buffer.from('abcdef').toString('base64') }, actor)
    expect(!over.ok && over.error.message).toMatch(/more bytes arrived than/)
  })

  it('keeps a path-traversal name as a bare name and warns', async () => {
    const m = await mustUpload(t.core, incident.id, '../../../etc/passwd', Buffer.from('root:x:0:0:root:/root:/bin/bash\n'))
    expect(m.evidence?.name).toBe('passwd')
    expect(m.evidence?.warnings.join(' ')).toMatch(/folder parts/)
    expect(existsSync(join(t.dataDir, '..', 'etc'))).toBe(false)
  })

  it('names a file whose type lies about its name, and an executable', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('This program cannot be run in DOS mode. http://c2.example.org/beacon'), Buffer.alloc(4)])
    exe.writeUInt32LE(64, 60)
    const pe = Buffer.concat([exe, Buffer.from('PE\0\0'), Buffer.alloc(200)])
    pe.writeUInt32LE(exe.length, 60)
    const m = await mustUpload(t.core, incident.id, 'invoice.pdf', pe)
    expect(m.evidence?.type.ext).toBe('exe')
    expect(m.evidence?.warnings.join(' ')).toMatch(/name says \.pdf but the content is a Windows executable/)
    expect(m.evidence?.warnings.join(' ')).toMatch(/never runs or opens it/)
    expect(m.evidence?.iocs).toContainEqual({ type: 'url', value: 'http://c2.example.org/beacon' })
  })

  it('says a malformed email is not an email, and keeps it as a file', async () => {
    const m = await mustUpload(t.core, incident.id, 'malformed.eml', fixture('malformed.eml'))
    expect(m.evidence?.kind).toBe('file')
    expect(m.evidence?.warnings.join(' ')).toMatch(/does not read as an email/)
  })
})
