import type { Priority } from '../../../shared/domain'
import { PRIORITY_LABELS } from '../../../shared/priority'

export function PriorityBadge({ priority }: { priority: Priority }) {
  return (
    <span className={`priority priority-${priority.toLowerCase()}`} title={`${priority}: ${PRIORITY_LABELS[priority]}`}>
      {priority}
    </span>
  )
}
