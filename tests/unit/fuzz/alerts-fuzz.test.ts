import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { Finding } from '@aws-sdk/client-guardduty'
import { fromGeneric, fromSplunk, genericSchema, schemaProblem, splunkSchema } from '../../../src/main/core/alerts/formats'
import { alarmAlert, findingAlert } from '../../../src/main/core/alerts/aws-alerts'
import { normaliseFinding } from '../../../src/main/core/integrations/aws/guardduty'
import { alertSourceToken } from '../../../src/main/core/alerts/auth'
import type { Alert } from '../../../src/main/core/alerts'
import { makeCore, type TestCore } from '../core/make-core'
import { FUZZ_SEED, looksLikeStackTrace, nasty } from './fuzz-arbitraries'

const RUNS = Number(process.env.VIRGIL_FUZZ_ALERT_RUNS ?? 1_000)
const SECRET = 'fuzz-alert-secret-0123'

const splunkSample = { search_name: 'Brute force', sid: 'scheduler_admin_1', results_link: 'https://splunk.example/x', result: { host: 'FIN-07', severity: 'high', count: '12' }, app: 'search', owner: 'admin' }
const genericSample = { source: 'crowdstrike', type: 'malware-detected', severity: 8, title: 'Emotet on FIN-07', description: 'seen', occurredAt: '2025-06-01T12:00:00Z', dedupKey: 'e-1', fields: { host: 'FIN-07' }, link: 'https://cs.example/1' }

const mutate = (sample: Record<string, unknown>): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constant(sample),
    fc.tuple(fc.constantFrom(...Object.keys(sample), '__proto__', 'constructor', 'result', 'fields'), nasty).map(([k, v]) => ({ ...sample, [k]: v })),
    fc.constantFrom(...Object.keys(sample)).map((k) => Object.fromEntries(Object.entries(sample).filter(([x]) => x !== k))),
    nasty
  )

function saneAlert(a: Alert): void {
  expect(a.title.length).toBeLessThanOrEqual(200)
  expect(Number.isFinite(a.severity)).toBe(true)
  expect(typeof a.dedupKey).toBe('string')
  for (const v of Object.values(a.fields)) expect(typeof v).toBe('string')
}

describe('fuzzing every alert format', () => {
  it('parses or refuses Splunk and generic bodies in words, never throwing', () => {
    let cases = 0
    for (const [schema, convert, sample] of [
      [splunkSchema, fromSplunk, splunkSample],
      [genericSchema, fromGeneric, genericSample]
    ] as const) {
      fc.assert(
        fc.property(mutate(sample), (body) => {
          cases++
          const parsed = schema.safeParse(JSON.parse(JSON.stringify(body ?? null)) as unknown)
          if (parsed.success) saneAlert((convert as (x: unknown) => Alert)(parsed.data))
          else expect(looksLikeStackTrace(schemaProblem(parsed.error))).toBe(false)
        }),
        { seed: FUZZ_SEED, numRuns: RUNS }
      )
    }
    console.log(`fuzz alert formats (Splunk, generic): seed ${FUZZ_SEED} / cases run: ${cases} / crashes: 0`)
  })

  it('turns any GuardDuty finding and CloudWatch alarm the SDK can hand over into a sane alert', () => {
    let cases = 0
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.integer({ min: 300, max: 5_000 }).map((n) => 'x'.repeat(n)))
    const finding = fc.record(
      {
        Id: text, Type: text, Severity: fc.double({ noNaN: true, noDefaultInfinity: true }), Title: text, Description: text, Region: text, AccountId: text, CreatedAt: text, UpdatedAt: text,
        Resource: fc.record({ InstanceDetails: fc.record({ InstanceId: text }, { requiredKeys: [] }) }, { requiredKeys: [] }),
        Service: fc.record({ EventFirstSeen: text, EventLastSeen: text, Count: fc.integer() }, { requiredKeys: [] })
      },
      { requiredKeys: [] }
    )
    fc.assert(
      fc.property(finding, (f) => {
        cases++
        saneAlert(findingAlert(normaliseFinding(f as Finding)))
      }),
      { seed: FUZZ_SEED, numRuns: RUNS }
    )
    const alarm = fc.record({ name: text, instanceId: fc.option(text, { nil: undefined }), threshold: fc.double({ noNaN: true, noDefaultInfinity: true }), comparison: text, reason: text, since: fc.option(text, { nil: undefined }) })
    fc.assert(
      fc.property(alarm, fc.double({ noNaN: true, noDefaultInfinity: true }), (a, cpu) => {
        cases++
        const { instanceId, since, ...rest } = a
        saneAlert(alarmAlert({ ...rest, ...(instanceId !== undefined ? { instanceId } : {}), ...(since !== undefined ? { since } : {}) }, cpu, 'eu-west-1'))
      }),
      { seed: FUZZ_SEED, numRuns: RUNS }
    )
    console.log(`fuzz alert formats (GuardDuty, CloudWatch): seed ${FUZZ_SEED} / cases run: ${cases} / crashes: 0`)
  })
})

describe('fuzzing the alert receiver over HTTP', () => {
  let t: TestCore
  beforeAll(async () => {
    const dead = 'http://127.0.0.1:9'
    t = makeCore({ settingsOverrides: { alerts: { enabled: true }, servicenow: { baseUrl: dead }, aws: { endpoint: dead } }, alerts: { listen: { port: 0 } } })
    await t.core.settings.setSecret('alerts.token', SECRET, t.core.actor())
    await t.core.alerts.ready()
  })
  afterAll(async () => {
    await t.dispose()
  })

  it('answers every hostile body with a status and words, and still takes a good alert', async () => {
    let cases = 0
    const url = t.core.alerts.receiverUrl()!
    const kinds = fc.constantFrom('splunk' as const, 'generic' as const)
    await fc.assert(
      fc.asyncProperty(kinds, fc.oneof(mutate(splunkSample), mutate(genericSample)), fc.boolean(), async (kind, body, asText) => {
        cases++
        const raw = asText && typeof body === 'string' ? body : JSON.stringify(body ?? null)
        const res = await fetch(`${url}/alerts/${kind}`, { method: 'POST', headers: { authorization: `Bearer ${alertSourceToken(SECRET, kind)}`, 'content-type': 'application/json' }, body: raw })
        const json = (await res.json()) as { ok: boolean; error?: { message: string } }
        expect([200, 202, 400, 409, 413, 422]).toContain(res.status)
        if (!json.ok) expect(looksLikeStackTrace(json.error?.message ?? '')).toBe(false)
      }),
      { seed: FUZZ_SEED, numRuns: Math.round(RUNS / 3) }
    )
    const good = await fetch(`${url}/alerts/generic`, { method: 'POST', headers: { authorization: `Bearer ${alertSourceToken(SECRET, 'generic')}` }, body: JSON.stringify({ ...genericSample, dedupKey: `after-${FUZZ_SEED}` }) })
    expect(good.status).toBe(202)
    expect(Object.prototype).not.toHaveProperty('polluted')
    console.log(`fuzz alert receiver: seed ${FUZZ_SEED} / cases run: ${cases} / crashes: 0`)
  }, 300_000)
})
