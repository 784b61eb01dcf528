import { afterEach, describe, expect, it } from 'vitest'
import { openDb, type Db } from '../../../src/main/core/db/open-db'
import { bm25Scorer, phrasesOf } from '../../../src/main/core/search/bm25'
import { toFtsExpression } from '../../../src/main/core/search/fts-query'

/** The ranking made in JavaScript must order lines as FTS5's own bm25() does, from the same index. */
let db: Db
afterEach(() => db.close())

function index(lines: string[]): void {
  db = openDb(':memory:')
  const doc = db.prepare(`INSERT INTO search_docs (rowid, message_id, incident_id, kind, at, body) VALUES (?, ?, 'inc1', 'message', ?, ?)`)
  lines.forEach((body, i) => doc.run(i + 1, `m${i + 1}`, i, body))
  db.exec(`INSERT INTO search_fts (search_fts) VALUES ('rebuild')`)
}

const corpus = [
  'checked the proxy logs for the beacon',
  'beacon beacon beacon to 198.51.100.7 every minute',
  'lateral movement through powershell remoting on fs01',
  'powershell spawned by winword: lateral movement suspected, a long line with many other words in it',
  'mailbox rule forwarding to an outside address',
  'the phishing email reached twelve mailboxes',
  'nothing to see on the endpoint',
  'Quarantined the attachment; quarantine holds three more'
]

function fts5Order(expression: string): { rowid: number; rank: number }[] {
  return db.prepare('SELECT rowid, bm25(search_fts) AS rank FROM search_fts WHERE search_fts MATCH ? ORDER BY rank, rowid').all(expression) as { rowid: number; rank: number }[]
}

describe('bm25 in JavaScript', () => {
  it.each(['beacon', 'lateral movement powershell', '"lateral movement" powershell', 'the beacon', 'quarantin', 'phishing OR mailbox', 'powershell NOT fs01'])('scores %s as FTS5 does', (query) => {
    index(corpus)
    const expression = toFtsExpression(query)
    const expected = fts5Order(expression)
    expect(expected.length).toBeGreaterThan(0)
    const body = db.prepare('SELECT body FROM search_docs WHERE rowid = ?').pluck()
    const score = bm25Scorer(db, phrasesOf(expression))
    for (const e of expected) expect(score(body.get(e.rowid) as string)).toBeCloseTo(e.rank, 6)
  })

  it('ranks a line holding the word more often, and a rarer word, higher', () => {
    index(corpus)
    const score = bm25Scorer(db, phrasesOf(toFtsExpression('beacon')))
    expect(score(corpus[1] as string)).toBeLessThan(score(corpus[0] as string))
    const both = bm25Scorer(db, phrasesOf(toFtsExpression('the twelve')))
    expect(both('twelve')).toBeLessThan(both('the'))
  })
})
