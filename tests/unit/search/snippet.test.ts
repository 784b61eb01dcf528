import { describe, expect, it } from 'vitest'
import { toFtsExpression, toPlainWords, withGuards } from '../../../src/main/core/search/fts-query'
import { highlightTerms, makeSnippet } from '../../../src/main/core/search/snippet'

const mark = (body: string, query: string): string => makeSnippet(body, highlightTerms(toFtsExpression(query)), '[', ']')

describe('search expressions and snippets', () => {
  it('matches the word typed last as a prefix and earlier words whole', () => {
    expect(toFtsExpression('ticket 4242')).toBe('"ticket" "4242"*')
    expect(toFtsExpression('phish')).toBe('"phish"*')
    // A last part of one or two characters is matched whole: "7*" would take in every word starting with 7.
    expect(toFtsExpression('203.0.113.7')).toBe('"203.0.113.7"')
    expect(toFtsExpression('host-2f')).toBe('"host-2f"')
    expect(toFtsExpression('host-2f4')).toBe('"host-2f4"*')
    expect(toFtsExpression('phish* email')).toBe('"phish"* "email"*')
    expect(toFtsExpression('"lateral movement"')).toBe('"lateral movement"')
    expect(toFtsExpression('(beacon OR dns)')).toBe('( "beacon" OR "dns"* )')
    expect(toPlainWords('AND beacon "dns')).toBe('"beacon" "dns"*')
  })

  it('highlights matching words, keeps case and punctuation, and skips words after NOT', () => {
    expect(mark('Mimikatz dropped by hxxp://mimikatz-drop[.]example/x', 'mimika')).toBe('[Mimikatz] dropped by hxxp://[mimikatz]-drop[.]example/x')
    expect(mark('blocked 8.8.8.8 and 8.8.4.4', '8.8.8.8')).toBe('blocked [8].[8].[8].[8] and [8].[8].4.4')
    expect(mark('isolate host now, clean verdict', '"isolate host" NOT clean')).toBe('[isolate] [host] now, clean verdict')
    expect(mark('Café crème', 'cafe')).toBe('[Café] crème')
  })

  it('keeps a window of words around the first match in a long line', () => {
    const body = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ') + ' beacon ' + Array.from({ length: 40 }, (_, i) => `v${i}`).join(' ')
    const s = mark(body, 'beacon')
    expect(s.startsWith('…w37 w38 w39 [beacon] v0')).toBe(true)
    expect(s.endsWith('…')).toBe(true)
    expect(s.split(' ').length).toBe(14)
  })
})

describe('phrase guards', () => {
  it('ANDs the last two words of a long phrase first, only where every phrase is required', () => {
    expect(withGuards('"203.0.113.7"')).toBe('"113 7" AND ("203.0.113.7")')
    expect(withGuards('"evil.example.com"* "beacon" NOT "1.2.3.4"')).toBe('"example com"* AND ("evil.example.com"* "beacon" NOT "1.2.3.4")')
    expect(withGuards('"203.0.113.7" OR "beacon"')).toBe('"203.0.113.7" OR "beacon"')
    expect(withGuards('( "a.b.c" "d" )')).toBe('( "a.b.c" "d" )')
    expect(withGuards('"ticket" "4242"*')).toBe('"ticket" "4242"*')
  })
})
