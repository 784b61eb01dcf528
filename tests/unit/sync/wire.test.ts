import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { canonicalJson } from '../../../src/main/core/log/canonical'
import { macProblem, parseWire, teamKey, toWire, wireMac, wireSchema } from '../../../src/main/core/sync/wire'

const valid = {
  id: '01JEVENT00000000000000000A',
  origin: 'wsalpha',
  hlc: '000001733612345678-000001-wsalpha',
  type: 'message.posted',
  incidentId: '01JINCIDENT000000000000000',
  actor: { id: 'analyst:bo', name: 'Bo' },
  payload: { text: 'hello', via: 'app', nested: { b: [1, 2], a: null } },
  prevHash: '0'.repeat(64),
  hash: 'a'.repeat(64),
  mac: 'b'.repeat(64)
}
type Body = Record<string, unknown>
const without = (k: string): Body => Object.fromEntries(Object.entries(valid).filter(([key]) => key !== k))
const strings = ['id', 'origin', 'hlc', 'type', 'incidentId']
const hexes = ['prevHash', 'hash', 'mac']

/** Every way a body can be wrong that we could think of, and a few right ones near the edges. */
const cases: [string, unknown][] = [
  ['valid', valid],
  ['a top-level array', [valid]],
  ['null', null],
  ['a number', 7],
  ['unknown keys, stripped', { ...valid, extra: 1, actor: { ...valid.actor, role: 'lead' } }],
  ['no incident', { ...valid, incidentId: null }],
  ['payload empty', { ...valid, payload: {} }],
  ['payload an array', { ...valid, payload: [] }],
  ['payload null', { ...valid, payload: null }],
  ['payload a string', { ...valid, payload: 'x' }],
  ['payload with __proto__', JSON.parse(JSON.stringify(valid).replace('"text"', '"__proto__":{"a":1},"text"'))],
  ['actor null', { ...valid, actor: null }],
  ['actor an array', { ...valid, actor: ['a', 'b'] }],
  ['actor empty names', { ...valid, actor: { id: '', name: '' } }],
  ['actor without name', { ...valid, actor: { id: 'a' } }],
  ['actor name 200', { ...valid, actor: { id: 'a', name: 'n'.repeat(200) } }],
  ['actor name 201', { ...valid, actor: { id: 'a', name: 'n'.repeat(201) } }],
  ['actor id a number', { ...valid, actor: { id: 1, name: 'n' } }],
  ...[...strings, ...hexes, 'actor', 'payload'].map((k): [string, unknown] => [`without ${k}`, without(k)]),
  ...strings.flatMap((k): [string, unknown][] => [
    [`${k} empty`, { ...valid, [k]: '' }],
    [`${k} 100 long`, { ...valid, [k]: 'x'.repeat(100) }],
    [`${k} 101 long`, { ...valid, [k]: 'x'.repeat(101) }],
    [`${k} a number`, { ...valid, [k]: 5 }],
    [`${k} undefined`, { ...valid, [k]: undefined }]
  ]),
  ...hexes.flatMap((k): [string, unknown][] => [
    [`${k} upper case`, { ...valid, [k]: 'A'.repeat(64) }],
    [`${k} 63 long`, { ...valid, [k]: 'a'.repeat(63) }],
    [`${k} 65 long`, { ...valid, [k]: 'a'.repeat(65) }],
    [`${k} with a newline`, { ...valid, [k]: `${'a'.repeat(64)}\n` }],
    [`${k} null`, { ...valid, [k]: null }]
  ])
]

describe('the wire envelope', () => {
  it.each(cases)('%s: parsed exactly as the schema parses it, with the schema\'s reason', (_name, body) => {
    const parsed = parseWire(Buffer.from(JSON.stringify(body) ?? 'undefined'))
    const schema = wireSchema.safeParse(JSON.parse(JSON.stringify(body) ?? 'null'))
    if (schema.success) expect(parsed).toEqual({ ok: true, event: schema.data })
    else {
      expect(parsed.ok).toBe(false)
      const issue = schema.error.issues[0]
      if (!parsed.ok) expect(parsed.reason).toBe(`it is not a Virgil event: ${issue?.path.join('.') || 'body'} ${issue?.message ?? 'is invalid'}`)
    }
  })

  it('strips what the schema does not name, as the schema does', () => {
    const parsed = parseWire(Buffer.from(JSON.stringify({ ...valid, extra: 1, actor: { ...valid.actor, role: 'lead' } })))
    expect(parsed.ok && Object.keys(parsed.event)).toEqual(Object.keys(valid))
    expect(parsed.ok && parsed.event.actor).toEqual({ id: 'analyst:bo', name: 'Bo' })
  })

  it('says when a body is not JSON', () => {
    expect(parseWire(Buffer.from('{ nope'))).toEqual({ ok: false, reason: 'it is not JSON', partial: {} })
  })
})

describe('the wire mac', () => {
  it('is HMAC-SHA256 over hash, link, the canonical head and the canonical payload, as every version computes it', () => {
    const key = teamKey('team secret')
    for (const incidentId of [valid.incidentId, null]) {
      const { mac: _mac, ...e } = { ...valid, incidentId, actor: { id: 'analyst:\u00e9"q', name: 'B\no' } }
      const head = canonicalJson({ id: e.id, origin: e.origin, hlc: e.hlc, type: e.type, incidentId: e.incidentId, actor: e.actor })
      const expected = createHmac('sha256', key).update(e.hash).update(e.prevHash).update(head).update('\n').update(canonicalJson(e.payload)).digest('hex')
      expect(wireMac(key, e)).toBe(expected)
      expect(macProblem(key, toWire(key, e))).toBeNull()
      expect(macProblem(teamKey('another'), toWire(key, e))).toMatch(/does not match/)
    }
  })
})
