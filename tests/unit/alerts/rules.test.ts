import { describe, expect, it } from 'vitest'
import { settingsSchema } from '../../../src/shared/settings'
import { decide } from '../../../src/main/core/alerts/rules'
import { fromGeneric, fromSplunk, genericSchema, splunkSchema } from '../../../src/main/core/alerts/formats'
import { alarmAlert } from '../../../src/main/core/alerts/aws-alerts'
import type { Alert } from '../../../src/main/core/alerts/alert'

const defaults = settingsSchema.parse({}).alerts
const alert = (a: Partial<Alert>): Alert => ({ source: 'splunk', type: 'x', severity: 5, title: 'An alert', description: '', fields: {}, dedupKey: 'k', ...a })

describe('alert rules', () => {
  it('maps severity to priority and pages P1/P2 by default', () => {
    expect(decide(alert({ severity: 10 }), defaults)).toMatchObject({ priority: 'P1', impact: 'high', urgency: 'high', page: true, ticket: true, notify: true })
    expect(decide(alert({ severity: 7 }), defaults)).toMatchObject({ priority: 'P2', page: true })
    expect(decide(alert({ severity: 5 }), defaults)).toMatchObject({ priority: 'P3', impact: 'medium', urgency: 'medium', page: false })
    expect(decide(alert({ severity: 1 }), defaults)).toMatchObject({ priority: 'P5', page: false, openIncident: true })
  })

  it('pages GuardDuty and CPU alerts at their thresholds even below P2', () => {
    const t = { ...defaults, thresholds: { ...defaults.thresholds, guarddutyMinSeverity: 5, cpuPercent: 70 } }
    expect(decide(alert({ source: 'guardduty', severity: 5 }), t)).toMatchObject({ priority: 'P3', page: true })
    expect(decide(alert({ source: 'guardduty', severity: 4.9 }), t).page).toBe(false)
    const cpu = alarmAlert({ name: 'a', threshold: 60, comparison: 'GreaterThanThreshold', reason: 'Threshold Crossed: 1 datapoint [72.0] was greater' }, 90, 'eu-west-1')
    expect(cpu.value).toBe(72)
    expect(decide(cpu, t)).toMatchObject({ priority: 'P3', page: true })
    expect(decide(cpu, defaults).page).toBe(false)
  })

  it('lets the first matching rule override priority and actions', () => {
    const settings = {
      ...defaults,
      rules: [
        { source: 'splunk', type: 'test search', minSeverity: 0, openIncident: false },
        { source: '', type: 'ransomware', minSeverity: 3, priority: 'P1' as const },
        { source: 'splunk', type: '', minSeverity: 0, page: false }
      ]
    }
    expect(decide(alert({ type: 'Nightly TEST SEARCH', severity: 10 }), settings)).toMatchObject({ openIncident: false, ticket: false, page: false, notify: false })
    expect(decide(alert({ source: 'crowdstrike', type: 'Ransomware precursor', severity: 3 }), settings)).toMatchObject({ priority: 'P1', page: true })
    expect(decide(alert({ severity: 10 }), settings)).toMatchObject({ priority: 'P1', page: false })
  })
})

describe('alert formats', () => {
  it('reads Splunk multi-value results and its severity words', () => {
    const a = fromSplunk(splunkSchema.parse({ search_name: 'Impossible travel', sid: 'rt_1', result: { user: 'ana', country: ['FR', 'BR'], urgency: 'critical' }, extra: 1 }))
    expect(a).toMatchObject({ source: 'splunk', severity: 10, title: 'Splunk: Impossible travel on ana', dedupKey: 'splunk:rt_1:Impossible travel' })
    expect(a.fields.country).toBe('FR, BR')
  })

  it('dedups a generic alert by its normalised body when it has no dedupKey', () => {
    const body = { source: 'edr', type: 't', severity: 'high', title: 'Something bad', occurredAt: '2025-06-01T12:00:00Z', fields: { b: 2, a: 'x' } }
    const one = fromGeneric(genericSchema.parse(body))
    const same = fromGeneric(genericSchema.parse({ ...body, severity: 8, title: '  Something bad ', fields: { a: 'x', b: '2' } }))
    const other = fromGeneric(genericSchema.parse({ ...body, severity: 9 }))
    expect(one.dedupKey).toBe(same.dedupKey)
    expect(one.dedupKey).not.toBe(other.dedupKey)
    expect(fromGeneric(genericSchema.parse({ ...body, dedupKey: 'e-1' })).dedupKey).toBe('edr:e-1')
  })
})
