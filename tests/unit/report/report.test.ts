import { afterEach, describe, expect, it } from 'vitest'
import { existsSync } from 'node:fs'
import { extractText, getDocumentProxy } from 'unpdf'
import type { Incident, Message } from '../../../src/shared/domain'
import { renderReport, verificationStamp, type ReportDeps } from '../../../src/main/core/report'
import { chromiumPdfPrinter } from '../../../src/main/pdf/chromium-pdf'
import { aesGcmCipher, Vault } from '../../../src/main/core/vault/vault'
import { call, incidentInput, makeCore, type TestCore } from '../core/make-core'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const SECRET = 'vt-key-Zq81mN0pQ7rS'
let t: TestCore

afterEach(async () => t.dispose())

async function investigation(): Promise<{ incident: Incident; deps: ReportDeps }> {
  t = makeCore()
  const { core } = t
  await call(core, 'secret:set', { name: 'virustotal.apiKey', value: SECRET })
  const incident = await call<Incident>(core, 'incident:create', { ...incidentInput, members: ['Bo'] })
  await call(core, 'incident:update', { id: incident.id, status: 'investigating' })
  const line = await call<Message>(core, 'chat:send', { incidentId: incident.id, text: 'Proxy shows 203.0.113.7 beaconing every 60 s' })
  await call(core, 'message:mark', { messageId: line.id, mark: 'evidence' })
  await call(core, 'chat:send', { incidentId: incident.id, text: `pasted by mistake: ${SECRET}` })
  await call(core, 'chat:send', { incidentId: incident.id, text: '!ip info 203.0.113.7' })
  const many = Array.from({ length: 40 }, (_, i) => `10.0.${i}.1`).join(' ')
  await call(core, 'chat:send', { incidentId: incident.id, text: `!ioc extract ${many}` })
  await core.runner.idle()
  await call(core, 'incident:update', { id: incident.id, status: 'contained', impact: 'high' })
  const vault = new Vault(core.db, aesGcmCipher(t.key))
  return { incident, deps: { db: core.db, key: vault.chainKey(), secrets: () => [vault.get('virustotal.apiKey') ?? ''] } }
}

describe('evidence report', () => {
  it('renders the investigation as a self-contained HTML document without the secret', async () => {
    const { incident, deps } = await investigation()
    const r = await renderReport(deps, incident.id, 'html', 'Ana')
    expect(r).toMatchObject({ fileName: 'INC0000001-report.html', mime: 'text/html' })
    const html = r.text ?? ''
    expect(html).not.toContain(SECRET)
    expect(html).toContain('[secret removed]')
    expect(html).not.toMatch(/<script|src=|href=|@import|url\(/i)
    expect(html).toContain('Phishing mail to the CFO')
    expect(html).toMatch(/P3 \(.*\) → P2/)
    expect(html).toContain('ip info 203.0.113.7')
    expect(html).toMatch(/Proxy shows 203\.0\.113\.7 beaconing every 60 s <i>\[evidence\]<\/i>/)
    expect(html).toMatch(/<td>Contained<\/td><td>\d{4}-\d\d-\d\d/)
    expect(html).toContain('<td>Resolved</td><td>—</td>')
    // 40 indicators make a long output: folded in the body, whole in the appendix.
    expect(html).toMatch(/full output in Appendix A\.1/)
    expect(html).toContain('Appendix A. Full command outputs')
    expect(html).toContain('10.0.39.1')
    expect(html).toMatch(/VERIFIED: \d+ events in 1 chain, unaltered/)
  })

  it('writes the same sections in Markdown', async () => {
    const { incident, deps } = await investigation()
    const md = (await renderReport(deps, incident.id, 'md', 'Ana')).text ?? ''
    expect(md.startsWith('# INC0000001 Phishing mail to the CFO')).toBe(true)
    for (const h of ['## 1. Summary', '## 2. Alerts that opened it', '## 3. Indicators', '## 4. Timeline', '## 5. Commands', '## 6. Evidence and notes', '## 7. Tickets and pages', '## 8. Verification stamp'])
      expect(md).toContain(h)
    expect(md).toMatch(/\| ipv4 \| `203\.0\.113\.7` \| ip info: /)
    expect(md).not.toContain(SECRET)
  })

  it('stamps a tampered log as not verified', async () => {
    const { incident, deps } = await investigation()
    expect(verificationStamp(deps.db, deps.key, incident.id).ok).toBe(true)
    t.core.db.prepare(`UPDATE events SET payload = replace(payload, 'beaconing', 'idling') WHERE type = 'message.posted'`).run()
    const stamp = verificationStamp(deps.db, deps.key, incident.id)
    expect(stamp.ok).toBe(false)
    expect(stamp.text).toMatch(/^NOT VERIFIED: 1 problem .*it was edited/)
    expect((await renderReport(deps, incident.id, 'md', 'Ana')).text).toContain('> NOT VERIFIED')
  })

  it.skipIf(!existsSync(CHROMIUM))('prints a PDF whose text holds the number, a command and the stamp', async () => {
    const { incident, deps } = await investigation()
    const r = await renderReport({ ...deps, pdf: chromiumPdfPrinter({ executablePath: CHROMIUM }) }, incident.id, 'pdf', 'Ana')
    expect(r.mime).toBe('application/pdf')
    const pdf = await getDocumentProxy(new Uint8Array(Buffer.from(r.base64 ?? '', 'base64')))
    const { text } = await extractText(pdf, { mergePages: true })
    expect(text).toContain('INC0000001')
    expect(text).toContain('ip info 203.0.113.7')
    expect(text).toMatch(/VERIFIED: \d+ events in 1 chain/)
    expect(text).not.toContain(SECRET)
  }, 60_000)

  it('says in words when PDF printing is not available', async () => {
    const { incident, deps } = await investigation()
    await expect(renderReport(deps, incident.id, 'pdf', 'Ana')).rejects.toThrow(/PDF reports need a Chromium/)
  })
})
