import { describe, expect, it } from 'vitest'
import {
  BRIDGE_CALL_REMINDER,
  HIGH_PRIORITY_CONDITIONS,
  PRIORITY_LABELS,
  derivePriority,
  isHighPriority,
  levelSchema,
  priorityFor,
  priorityInputSchema,
  prioritySchema,
  type Level,
  type Priority
} from '../../../src/shared/priority'

describe('ITIL matrix', () => {
  it.each<[Level, Level, Priority]>([
    ['high', 'high', 'P1'],
    ['high', 'medium', 'P2'],
    ['medium', 'high', 'P2'],
    ['high', 'low', 'P3'],
    ['medium', 'medium', 'P3'],
    ['low', 'high', 'P3'],
    ['medium', 'low', 'P4'],
    ['low', 'medium', 'P4'],
    ['low', 'low', 'P5']
  ])('impact %s × urgency %s = %s', (impact, urgency, expected) => {
    expect(priorityFor(impact, urgency)).toBe(expected)
    expect(derivePriority({ impact, urgency, conditions: [] }).priority).toBe(expected)
  })

  it.each<[Priority, boolean, string]>([
    ['P1', true, 'Critical'],
    ['P2', true, 'High'],
    ['P3', false, 'Moderate'],
    ['P4', false, 'Low'],
    ['P5', false, 'Planning']
  ])('%s is high priority: %s, label %s', (priority, high, label) => {
    expect(isHighPriority(priority)).toBe(high)
    expect(PRIORITY_LABELS[priority]).toBe(label)
  })
})

describe('high-priority conditions', () => {
  it('lists the four conditions with analyst-facing labels', () => {
    expect(HIGH_PRIORITY_CONDITIONS.map((c) => [c.id, c.raises])).toEqual([
      ['spreading', 'impact'],
      ['work-blocked', 'urgency'],
      ['vip', 'impact'],
      ['escalation-risk', 'urgency']
    ])
    for (const c of HIGH_PRIORITY_CONDITIONS) expect(c.label.length).toBeGreaterThan(15)
    expect(HIGH_PRIORITY_CONDITIONS.find((c) => c.id === 'vip')?.label).toMatch(/C-level or VIP/)
    expect(BRIDGE_CALL_REMINDER).toMatch(/bridge call/)
    expect(BRIDGE_CALL_REMINDER).toMatch(/incident manager/)
  })

  it.each<[Level, Level, Parameters<typeof derivePriority>[0]['conditions'], Priority, Level, Level, RegExp[]]>([
    ['low', 'low', ['spreading'], 'P3', 'high', 'low', [/^Impact raised from low to high: Damage is spreading/]],
    ['low', 'low', ['vip'], 'P3', 'high', 'low', [/^Impact raised from low to high: C-level or VIP/]],
    ['low', 'low', ['work-blocked'], 'P3', 'low', 'high', [/^Urgency raised from low to high: Time-sensitive/]],
    ['medium', 'low', ['escalation-risk'], 'P2', 'medium', 'high', [/^Urgency raised from low to high: A minor incident/]],
    ['low', 'medium', ['vip', 'work-blocked'], 'P1', 'high', 'high', [/^Urgency raised from medium/, /^Impact raised from low/]],
    ['high', 'medium', ['vip'], 'P2', 'high', 'medium', [/^Impact already high; also noted: C-level/]],
    ['low', 'low', ['spreading', 'vip'], 'P3', 'high', 'low', [/^Impact raised from low/, /^Impact already high/]],
    ['medium', 'medium', ['vip', 'vip'], 'P2', 'high', 'medium', [/^Impact raised from medium/]]
  ])('%s/%s with %j → %s', (impact, urgency, conditions, priority, newImpact, newUrgency, reasonPatterns) => {
    const result = derivePriority({ impact, urgency, conditions })
    expect(result).toMatchObject({ priority, impact: newImpact, urgency: newUrgency })
    const conditionReasons = result.reasons.slice(0, -1)
    expect(conditionReasons).toHaveLength(reasonPatterns.length)
    for (const pattern of reasonPatterns) expect(conditionReasons.some((r) => pattern.test(r))).toBe(true)
    expect(result.reasons.at(-1)).toBe(
      `Impact ${newImpact} × urgency ${newUrgency} → ${priority} (${PRIORITY_LABELS[priority]})`
    )
  })

  it('treats missing conditions as none', () => {
    expect(derivePriority({ impact: 'medium', urgency: 'medium' })).toEqual({
      priority: 'P3',
      impact: 'medium',
      urgency: 'medium',
      reasons: ['Impact medium × urgency medium → P3 (Moderate)']
    })
  })
})

describe('schemas', () => {
  it('accept only the known values', () => {
    expect(levelSchema.safeParse('high').success).toBe(true)
    expect(levelSchema.safeParse('critical').success).toBe(false)
    expect(prioritySchema.safeParse('P5').success).toBe(true)
    expect(prioritySchema.safeParse('P0').success).toBe(false)
    expect(priorityInputSchema.parse({ impact: 'low', urgency: 'high' }).conditions).toEqual([])
    expect(priorityInputSchema.safeParse({ impact: 'low', urgency: 'high', conditions: ['panic'] }).success).toBe(false)
  })
})
