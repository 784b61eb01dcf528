import fc from 'fast-check'
import { CHANNEL_NAMES } from '../../../src/shared/channel-names'

/** One valid input per channel of the contract; the fuzzer mutates these. */
export const SAMPLES: Record<(typeof CHANNEL_NAMES)[number], Record<string, unknown>> = {
  'session:get': {},
  'incident:list': { scope: 'open' },
  'incident:get': { id: 'INCIDENT' },
  'incident:create': { title: 'Fuzzed incident', source: 'email', leader: 'Ana', impact: 'low', urgency: 'low', conditions: [], members: ['Bo'] },
  'incident:update': { id: 'INCIDENT', title: 'Renamed', status: 'investigating', impact: 'medium' },
  'timeline:get': { incidentId: 'INCIDENT', limit: 5 },
  'chat:send': { incidentId: 'INCIDENT', text: 'a line from the fuzzer' },
  'message:mark': { messageId: 'nope', mark: 'note' },
  'command:confirm': { runId: 'nope', confirm: false },
  'command:list': {},
  'suggest:get': { incidentId: 'INCIDENT' },
  'suggest:stats': {},
  'suggest:dismiss': { incidentId: 'INCIDENT', command: 'vtip' },
  'search:query': { query: 'fuzzer', limit: 3 },
  'settings:get': {},
  'settings:update': { patch: { analyst: { name: 'Fuzz Analyst' } } },
  'secret:set': { name: 'virustotal.apiKey', value: 'fuzz-key' },
  'status:get': {},
  'incident:export': { id: 'INCIDENT' },
  'incident:reopen': { id: 'INCIDENT', reason: 'the user clicked again' },
  'archive:list': { filters: { indicator: '8.8.8.8', sort: 'closed' }, limit: 5 },
  'archive:timeline': { id: 'INCIDENT' },
  'archive:verify': { id: 'INCIDENT' },
  'archive:export': { id: 'INCIDENT' },
  'report:render': { id: 'INCIDENT', format: 'md' },
  'kpi:get': { from: 0, to: 86_400_000 },
  'upload:begin': { incidentId: 'INCIDENT', name: 'fuzz.txt', size: 5 },
  'upload:chunk': { uploadId: 'nope', index: 0, data: 'aGVsbG8=' },
  'upload:finish': { uploadId: 'nope' },
  'upload:abort': { uploadId: 'nope' },
  'identity:set': { name: 'Fuzz Analyst', handle: 'fuzz' },
  'roster:list': {},
  'roster:set': { name: 'Bo Bennett', handle: 'bo', role: 'analyst', groups: ['night'] },
  'incident:restrict': { id: 'INCIDENT', groups: [] }
}

const nest = (depth: number, leaf: unknown): unknown => {
  let v = leaf
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v }
  return v
}

/** Values a hostile or broken page could put anywhere. */
export const nasty: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 64 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, -1, 0, 1e308, -0.5, '', [], {}, '   ', 'INCIDENT', Number.MAX_SAFE_INTEGER + 2) },
  { weight: 1, arbitrary: fc.integer({ min: 10, max: 3_000 }).map((d) => nest(d, 'deep')) },
  { weight: 1, arbitrary: fc.integer({ min: 70_000, max: 400_000 }).map((n) => 'é'.repeat(n)) },
  { weight: 1, arbitrary: fc.constant(JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}') as unknown) }
)

const omit = (o: Record<string, unknown>, key: string): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key))

/** A valid input, one broken field, a missing field, an unknown or prototype key, or anything at all. */
export function inputFor(channel: keyof typeof SAMPLES, incidentId: string): fc.Arbitrary<unknown> {
  const sample = JSON.parse(JSON.stringify(SAMPLES[channel]).replaceAll('INCIDENT', incidentId)) as Record<string, unknown>
  const keys = Object.keys(sample)
  const arbs: fc.Arbitrary<unknown>[] = [
    fc.constant(sample),
    fc.tuple(fc.constantFrom(...keys, '__proto__', 'constructor', 'extra'), nasty).map(([k, v]) => ({ ...sample, [k]: v })),
    nasty
  ]
  if (keys.length) arbs.push(fc.constantFrom(...keys).map((k) => omit(sample, k)))
  return fc.oneof(...arbs)
}

export type FuzzFrame = { kind: 'json'; value: unknown } | { kind: 'text'; text: string }

/** Whole frames: contract requests with fuzzed inputs, unknown channels, broken envelopes, non-JSON text. */
export function frameArb(incidentId: string): fc.Arbitrary<FuzzFrame> {
  const id = fc.nat({ max: 1_000_000 })
  const request = fc
    .tuple(fc.constantFrom(...CHANNEL_NAMES), id)
    .chain(([channel, n]) => inputFor(channel, incidentId).map((input) => ({ t: 'req', id: n, channel, input })))
  return fc.oneof(
    { weight: 12, arbitrary: request.map((value) => ({ kind: 'json' as const, value })) },
    { weight: 1, arbitrary: fc.tuple(id, fc.string({ maxLength: 80 }), nasty).map(([n, channel, input]) => ({ kind: 'json' as const, value: { t: 'req', id: n, channel, input } })) },
    {
      weight: 2,
      arbitrary: fc
        .record({ t: fc.oneof(fc.constant('req'), nasty), id: fc.oneof(id, nasty), channel: fc.oneof(fc.constantFrom(...CHANNEL_NAMES), nasty), input: nasty }, { requiredKeys: [] })
        .map((value) => ({ kind: 'json' as const, value }))
    },
    { weight: 1, arbitrary: nasty.map((value) => ({ kind: 'json' as const, value })) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }).map((text) => ({ kind: 'text' as const, text })) }
  )
}

/** A message that leaks internals: a stack frame, a source path, or a raw JS error name in the text. */
export function looksLikeStackTrace(message: string): boolean {
  return /\n\s+at |\bat .+\(.+:\d+:\d+\)|node:internal|\.(ts|js|mjs):\d+|\b(TypeError|ReferenceError|RangeError|SyntaxError):/.test(message)
}

export const FUZZ_SEED = Number(process.env.VIRGIL_FUZZ_SEED ?? Date.now() % 2 ** 31)
