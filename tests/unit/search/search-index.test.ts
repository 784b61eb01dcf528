import { afterEach, describe, expect, it } from 'vitest'
import type { Incident } from '../../../src/shared/domain'
import { indexSearchPending } from '../../../src/main/core/search/search-index'
import { call, incidentInput, makeCore, type TestCore } from '../core/make-core'

let t: TestCore | undefined
afterEach(async () => {
  await t?.dispose()
  t = undefined
})

describe('the search indexer', () => {
  it('indexes a range of new lines of every kind as they stand after the changes in the same range', async () => {
    t = makeCore()
    const { log, db } = t.core
    const inc = await call<Incident>(t.core, 'incident:create', incidentInput)
    indexSearchPending(db)
    const actor = { id: 'analyst:bo', name: 'Bo' }
    const post = (text: string) => log.appendOne({ type: 'message.posted', incidentId: inc.id, actor, payload: { text, via: 'app' } })
    const plain = post('alpha plain')
    const marked = post('bravo marked')
    const edited = post('charlie before')
    const deleted = post('delta deleted')
    const system = log.appendOne({ type: 'system.noted', incidentId: inc.id, actor, payload: { text: 'echo system' } })
    const started = log.appendOne({ type: 'command.started', incidentId: inc.id, actor, payload: { runId: 'run-1', line: '!whois foxtrot.example', command: 'whois', status: 'running', danger: 'safe' } })
    log.appendOne({ type: 'message.marked', incidentId: inc.id, actor, payload: { messageId: marked.id, mark: 'evidence' } })
    log.appendOne({ type: 'message.edited', incidentId: inc.id, actor, payload: { messageId: edited.id, text: 'charlie after' } })
    log.appendOne({ type: 'message.deleted', incidentId: inc.id, actor, payload: { messageId: deleted.id } })
    log.appendOne({ type: 'command.finished', incidentId: inc.id, actor, payload: { runId: 'run-1', status: 'ok', output: { title: 'Whois golf', summary: 'registrar hotel' } } })

    expect(indexSearchPending(db)).toBe(6)
    const docs = db.prepare('SELECT d.message_id AS id, d.kind, d.body, l.kind AS lineKind, l.at = d.at AS sameAt FROM search_docs d JOIN search_lines l ON l.rowid = d.rowid WHERE d.incident_id = ? ORDER BY d.rowid').all(inc.id)
    expect(docs.slice(1)).toEqual([
      { id: plain.id, kind: 'chat', body: 'alpha plain', lineKind: 'chat', sameAt: 1 },
      { id: marked.id, kind: 'evidence', body: 'bravo marked', lineKind: 'evidence', sameAt: 1 },
      { id: edited.id, kind: 'chat', body: 'charlie after', lineKind: 'chat', sameAt: 1 },
      { id: system.id, kind: 'system', body: 'echo system', lineKind: 'system', sameAt: 1 },
      { id: started.id, kind: 'command', body: '!whois foxtrot.example\nWhois golf\nregistrar hotel', lineKind: 'command', sameAt: 1 }
    ])
    const found = (q: string) => db.prepare('SELECT d.message_id FROM search_fts JOIN search_docs d ON d.rowid = search_fts.rowid WHERE search_fts MATCH ?').pluck().all(q)
    expect(found('charlie')).toEqual([edited.id])
    expect(found('before')).toEqual([])
    expect(found('delta')).toEqual([])
    expect(found('hotel')).toEqual([started.id])
    // Every line's time lies in its block's span.
    const outside = db.prepare('SELECT count(*) FROM search_lines l JOIN search_time_spans s ON s.block = l.rowid >> 12 WHERE l.at < s.min_at OR l.at > s.max_at').pluck().get()
    const spanned = db.prepare('SELECT count(*) FROM search_lines l JOIN search_time_spans s ON s.block = l.rowid >> 12').pluck().get()
    expect([outside, spanned]).toEqual([0, 6])

    // A later change to an indexed line is indexed again, once.
    log.appendOne({ type: 'message.edited', incidentId: inc.id, actor, payload: { messageId: plain.id, text: 'alpha india' } })
    expect(indexSearchPending(db)).toBe(1)
    expect(found('india')).toEqual([plain.id])
    expect(found('plain')).toEqual([])

    // A watermark left behind (lost, reset) indexes its range again, line by line, without doubling.
    db.prepare(`DELETE FROM meta WHERE key = 'search_seq'`).run()
    expect(indexSearchPending(db)).toBeGreaterThan(6)
    expect(found('india')).toEqual([plain.id])
    expect(found('hotel')).toEqual([started.id])
    expect(db.prepare('SELECT count(*) FROM search_docs WHERE incident_id = ?').pluck().get(inc.id)).toBe(6)
    expect(db.prepare('SELECT count(*) FROM search_lines WHERE incident_id = ?').pluck().get(inc.id)).toBe(6)
  })
})
