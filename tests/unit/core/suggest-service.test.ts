import { afterEach, describe, expect, it } from 'vitest'
import type { Incident, Suggestions } from '../../../src/shared/domain'
import { call, incidentInput, makeCore, type TestCore } from './make-core'

let t: TestCore
afterEach(async () => t.dispose())

async function investigate(tc: TestCore, title: string, leader: string, lines: string[]): Promise<Incident> {
  const inc = await call<Incident>(tc.core, 'incident:create', { ...incidentInput, title, description: 'User reported a phishing email with a link', leader })
  for (const line of lines) {
    await call(tc.core, 'chat:send', { incidentId: inc.id, text: line })
    await tc.core.runner.idle()
  }
  return inc
}

describe('suggestions from past investigations', () => {
  it('suggests what similar incidents ran next, pre-filled, with reasons, and learns incrementally', async () => {
    t = makeCore()
    await investigate(t, 'Phishing email to payroll', 'Ana', ['!ioc extract hxxp://a[.]example', '!defang http://a.example', '!hash abc'])
    await investigate(t, 'Phishing email to the CFO', 'Ana', ['!ioc extract hxxp://b[.]example', '!defang http://b.example', '!hash def'])
    await investigate(t, 'Unrelated disk full alert', 'Bo', ['!b64 encode x'])
    const open = await investigate(t, 'Phishing email to HR with a link', 'Cy', ['!ioc extract hxxp://evil[.]example/login'])
    const s = await call<Suggestions>(t.core, 'suggest:get', { incidentId: open.id })
    expect(s.next[0]?.command).toBe('defang')
    expect(s.next[0]?.reason).toMatch(/\d of \d|follows|similar/)
    expect(s.similar.map((x) => x.title)).toContain('Phishing email to payroll')
    expect(s.similar.map((x) => x.id)).not.toContain(open.id)
    expect(s.experts[0]).toEqual({ name: 'Ana', count: 2 })
    expect(s.flow.steps.find((x) => x.command === 'ioc extract')?.done).toBe(true)

    await call(t.core, 'chat:send', { incidentId: open.id, text: '!defang http://evil.example/login' })
    await t.core.runner.idle()
    const after = await call<Suggestions>(t.core, 'suggest:get', { incidentId: open.id })
    expect(after.next[0]?.command).toBe('hash')
  })

  it('pre-fills arguments from the incident indicators', async () => {
    t = makeCore()
    const inc = await call<Incident>(t.core, 'incident:create', { ...incidentInput, title: 'Suspicious login', description: 'Login from 203.0.113.7 to i-0abc12345def67890' })
    const s = await call<Suggestions>(t.core, 'suggest:get', { incidentId: inc.id })
    const vt = s.next.find((x) => x.command === 'vtip' || x.command === 'whois')
    if (vt) expect(vt.line).toContain('203.0.113.7')
    expect(Array.isArray(s.next)).toBe(true)
  })
})

describe('suggestion acceptance', () => {
  it('counts runs that came from the sidebar, per command', async () => {
    t = makeCore()
    const inc = await call<Incident>(t.core, 'incident:create', incidentInput)
    await call(t.core, 'chat:send', { incidentId: inc.id, text: '!defang http://a.example', suggestionRank: 1 })
    await call(t.core, 'chat:send', { incidentId: inc.id, text: '!defang http://b.example' })
    await call(t.core, 'chat:send', { incidentId: inc.id, text: '!hash abc', suggestionRank: 2 })
    await t.core.runner.idle()
    const stats = await call<{ total: { runs: number; fromSuggestion: number }; byCommand: { command: string; runs: number; fromSuggestion: number }[] }>(t.core, 'suggest:stats', {})
    expect(stats.total).toEqual({ runs: 3, fromSuggestion: 2 })
    expect(stats.byCommand.find((c) => c.command === 'defang')).toEqual({ command: 'defang', runs: 2, fromSuggestion: 1 })
  })
})
