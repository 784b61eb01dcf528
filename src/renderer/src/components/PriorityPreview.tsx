import type { Level } from '../../../shared/domain'
import { BRIDGE_CALL_REMINDER, derivePriority, isHighPriority, PRIORITY_LABELS, type HighPriorityConditionId } from '../../../shared/priority'
import { PriorityBadge } from './PriorityBadge'

interface Props {
  impact: Level
  urgency: Level
  conditions: HighPriorityConditionId[]
}

/** The priority these answers lead to, and why, before the incident exists. */
export function PriorityPreview({ impact, urgency, conditions }: Props) {
  const { priority, reasons } = derivePriority({ impact, urgency, conditions })
  return (
    <div className={`priority-preview${isHighPriority(priority) ? ' high' : ''}`} data-testid="priority-preview" data-priority={priority}>
      <div className="priority-preview-head">
        <PriorityBadge priority={priority} /> <strong>{PRIORITY_LABELS[priority]}</strong>
      </div>
      <ul className="reasons">
        {reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      {isHighPriority(priority) && <p className="bridge-reminder">{BRIDGE_CALL_REMINDER}</p>}
    </div>
  )
}
