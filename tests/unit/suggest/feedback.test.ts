import { afterEach, describe, expect, it } from 'vitest'
import type { Incident, SuggestionStats, Suggestions } from '../../../src/shared/domain'
import { call, incidentInput, makeCore, type TestCore } from '../core/make-core'

let t: TestCore
afterEach(async () => t.dispose())

const settle = async (tc: TestCore): Promise<void> => {
  await tc.core.runner.idle()
  await new Promise((r) => setImmediate(r))
}

async function send(tc: TestCore, incidentId: string, text: string, suggestionRank?: number): Promise<void> {
  await call(tc.core, 'chat:send', { incidentId, text, ...(suggestionRank ? { suggestionRank } : {}) })
  await settle(tc)
}

async function outcomes(tc: TestCore): Promise<Record<string, string>> {
  const rows = tc.core.db.prepare(`SELECT payload FROM events WHERE type = 'suggestion.outcome'`).all() as { payload: string }[]
  return Object.fromEntries(rows.map((r) => JSON.parse(r.payload) as { command: string; outcome: string; via?: string }).map((p) => [p.command, p.via ? `${p.outcome}:${p.via}` : p.outcome]))
}

describe('suggestion outcomes', () => {
  it('records taken (clicked or typed within 3 lines), dismissed and ignored, and counts them by kind', async () => {
    t = makeCore()
    for (const title of ['Phishing email to payroll', 'Phishing email to the CFO']) {
      const past = await call<Incident>(t.core, 'incident:create', { ...incidentInput, title, description: 'User reported a phishing email with a link' })
      for (const line of ['!ioc extract hxxp://a[.]example', '!defang http://a.example', '!hash abc', '!b64 encode x']) await send(t, past.id, line)
    }
    const open = await call<Incident>(t.core, 'incident:create', { ...incidentInput, title: 'Phishing email to HR', description: 'User reported a phishing email with a link' })
    await send(t, open.id, '!ioc extract hxxp://evil[.]example/login')
    const shown = await call<Suggestions>(t.core, 'suggest:get', { incidentId: open.id })
    const names = shown.next.map((s) => s.command)
    expect(names.slice(0, 2)).toEqual(['defang', 'vt hash'])
    for (const s of shown.next) {
      expect(s.line.startsWith(`!${s.command}`)).toBe(true)
      expect(s.reason.length).toBeGreaterThan(5)
    }

    // Dismissed in the sidebar; clicked; then, shown after defang, hash typed by hand a line later.
    expect(await call(t.core, 'suggest:dismiss', { incidentId: open.id, command: 'vt hash' })).toEqual({ dismissed: true })
    expect(await call(t.core, 'suggest:dismiss', { incidentId: open.id, command: 'vt hash' })).toEqual({ dismissed: false })
    await send(t, open.id, '!defang http://evil.example/login', 1)
    const later = await call<Suggestions>(t.core, 'suggest:get', { incidentId: open.id })
    expect(later.next.map((s) => s.command)).toContain('hash')
    await send(t, open.id, 'looks like a kit we saw last week')
    await send(t, open.id, '!hash abc')
    await settle(t)
    const got = await outcomes(t)
    expect(got).toMatchObject({ 'vt hash': 'dismissed', defang: 'taken:click', hash: 'taken:typed' })
    // The rest of the first list is ignored: 3 lines went by without it.
    for (const c of names.slice(2)) if (c !== 'hash') expect(got[c]).toBe('ignored')

    const stats = await call<SuggestionStats>(t.core, 'suggest:stats', {})
    const total = stats.byKind.reduce((s, k) => s + k.shown, 0)
    expect(stats.byKind.reduce((s, k) => s + k.taken, 0)).toBe(2)
    expect(stats.byKind.reduce((s, k) => s + k.dismissed, 0)).toBe(1)
    expect(total).toBeGreaterThanOrEqual(names.length)
    for (const k of stats.byKind) expect(k.shown).toBe(k.taken + k.dismissed + k.ignored + k.pending)

    // Shown again and again while pending, a suggestion is still one showing.
    await call<Suggestions>(t.core, 'suggest:get', { incidentId: open.id })
    const once = await call<SuggestionStats>(t.core, 'suggest:stats', {})
    const pendingBefore = once.byKind.reduce((n, k) => n + k.pending, 0)
    await call<Suggestions>(t.core, 'suggest:get', { incidentId: open.id })
    const again = await call<SuggestionStats>(t.core, 'suggest:stats', {})
    expect(again.byKind.reduce((n, k) => n + k.pending, 0)).toBe(pendingBefore)
  })

  it('refuses a dismiss without a command, and suggests from the prior with no history at all', async () => {
    t = makeCore()
    const inc = await call<Incident>(t.core, 'incident:create', { ...incidentInput, title: 'Phishing email with a link', description: 'hxxp://x[.]example' })
    const bad = await t.core.dispatch('suggest:dismiss', { incidentId: inc.id, command: ' ' }, t.core.actor())
    expect(bad.ok).toBe(false)
    const extra = await t.core.dispatch('suggest:dismiss', { incidentId: inc.id, command: 'x', more: 1 }, t.core.actor())
    expect(extra.ok).toBe(false)
    const s = await call<Suggestions>(t.core, 'suggest:get', { incidentId: inc.id })
    expect(s.next.length).toBeGreaterThan(0)
    expect(s.next[0]?.kind).toBe('prior')
    expect(s.next[0]?.reason).toMatch(/public playbooks/)
  })
})
