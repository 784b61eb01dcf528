/** The ITIL priority matrix (impact × urgency) and the conditions that make an incident high priority. */
import { z } from 'zod'

export const levelSchema = z.enum(['high', 'medium', 'low'])
export type Level = z.infer<typeof levelSchema>

export const prioritySchema = z.enum(['P1', 'P2', 'P3', 'P4', 'P5'])
export type Priority = z.infer<typeof prioritySchema>

/** MATRIX[impact][urgency] */
const MATRIX: Record<Level, Record<Level, Priority>> = {
  high: { high: 'P1', medium: 'P2', low: 'P3' },
  medium: { high: 'P2', medium: 'P3', low: 'P4' },
  low: { high: 'P3', medium: 'P4', low: 'P5' }
}

export function priorityFor(impact: Level, urgency: Level): Priority {
  return MATRIX[impact][urgency]
}

export const PRIORITY_LABELS: Record<Priority, string> = {
  P1: 'Critical',
  P2: 'High',
  P3: 'Moderate',
  P4: 'Low',
  P5: 'Planning'
}

export function isHighPriority(priority: Priority): boolean {
  return priority === 'P1' || priority === 'P2'
}

export const highPriorityConditionSchema = z.enum(['spreading', 'work-blocked', 'vip', 'escalation-risk'])
export type HighPriorityConditionId = z.infer<typeof highPriorityConditionSchema>

export interface HighPriorityCondition {
  id: HighPriorityConditionId
  label: string
  /** The matrix axis this condition raises to high. */
  raises: 'impact' | 'urgency'
}

export const HIGH_PRIORITY_CONDITIONS: readonly HighPriorityCondition[] = [
  { id: 'spreading', label: 'Damage is spreading fast or affects many users', raises: 'impact' },
  { id: 'work-blocked', label: 'Time-sensitive work is blocked', raises: 'urgency' },
  { id: 'vip', label: 'C-level or VIP users are affected', raises: 'impact' },
  {
    id: 'escalation-risk',
    label: 'A minor incident that quick action can keep from becoming major',
    raises: 'urgency'
  }
]

export const BRIDGE_CALL_REMINDER =
  'High-priority incident: open a bridge call with the incident manager now, and keep the room updated with decisions and times.'

export const priorityInputSchema = z.object({
  impact: levelSchema,
  urgency: levelSchema,
  conditions: z.array(highPriorityConditionSchema).default([])
})
export type PriorityInput = z.input<typeof priorityInputSchema>

export interface DerivedPriority {
  priority: Priority
  impact: Level
  urgency: Level
  /** Why the priority is what it is, in the order the rules applied; the last line is the matrix cell. */
  reasons: string[]
}

/** Apply the high-priority conditions to the analyst's impact and urgency, then read the matrix. */
export function derivePriority(input: PriorityInput): DerivedPriority {
  const levels: Record<'impact' | 'urgency', Level> = { impact: input.impact, urgency: input.urgency }
  const given = new Set(input.conditions ?? [])
  const reasons: string[] = []

  for (const condition of HIGH_PRIORITY_CONDITIONS) {
    if (!given.has(condition.id)) continue
    const axis = condition.raises
    const before = levels[axis]
    if (before === 'high') {
      reasons.push(`${capitalize(axis)} already high; also noted: ${condition.label}`)
    } else {
      levels[axis] = 'high'
      reasons.push(`${capitalize(axis)} raised from ${before} to high: ${condition.label}`)
    }
  }

  const priority = priorityFor(levels.impact, levels.urgency)
  reasons.push(
    `Impact ${levels.impact} × urgency ${levels.urgency} → ${priority} (${PRIORITY_LABELS[priority]})`
  )
  return { priority, impact: levels.impact, urgency: levels.urgency, reasons }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}
