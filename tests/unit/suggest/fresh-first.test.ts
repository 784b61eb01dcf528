import { describe, expect, it } from 'vitest'
import { freshFirst, freshLine, normaliseLine } from '../../../src/main/core/suggest/fresh-first'
import { indicatorsIn } from '../../../src/main/core/suggest/prefill'

const found = indicatorsIn(['mail from billing@legal-invoices.example via 198.51.100.23 and 203.0.113.9 linking http://legal-invoices.example/doc'])
const ran = (...lines: string[]) => new Set(lines.map(normaliseLine))

describe('suggestions offer what has not been run in this room yet', () => {
  it('moves to the next indicator once the first one went through the command', () => {
    expect(freshLine('vtip', found, ran())).toEqual({ line: 'vtip 198.51.100.23', repeats: false })
    expect(freshLine('vtip', found, ran('!vtip 198.51.100.23'))).toEqual({ line: 'vtip 203.0.113.9', repeats: false })
    expect(freshLine('vtip', found, ran('!VTIP  198.51.100.23', '/vtip 203.0.113.9'))).toEqual({ line: 'vtip 198.51.100.23', repeats: true })
  })

  it('a bare command repeats once it ran here at all, whatever its arguments were', () => {
    expect(freshLine('ioc extract', found, ran('!whois example.com'))).toEqual({ line: 'ioc extract', repeats: false })
    expect(freshLine('ioc extract', found, ran('!ioc extract some pasted text'))).toEqual({ line: 'ioc extract', repeats: true })
    // "ioc" is not "ioc extract"'s run: only whole words count.
    expect(freshLine('hash', found, ran('!hashes x'))).toEqual({ line: 'hash', repeats: false })
  })

  it('takes a domain from a link when the text never writes it alone', () => {
    const onlyLink = indicatorsIn(['user clicked http://legal-invoices.example/doc'])
    expect(freshLine('vt domain', onlyLink, ran())).toEqual({ line: 'vt domain legal-invoices.example', repeats: false })
    expect(freshLine('vt ip', onlyLink, ran())).toEqual({ line: 'vt ip ', repeats: false })
  })

  it('keeps the engine order, fresh ones first', () => {
    const order = freshFirst([
      { c: 'ioc extract', repeats: true },
      { c: 'vtip', repeats: false },
      { c: 'defang', repeats: true },
      { c: 'vt hash', repeats: false }
    ]).map((s) => s.c)
    expect(order).toEqual(['vtip', 'vt hash', 'ioc extract', 'defang'])
  })
})
