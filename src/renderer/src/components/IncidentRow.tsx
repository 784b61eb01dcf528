import type { Incident } from '../../../shared/domain'
import { relativeTime } from '../lib/time'
import { LockBadge } from './LockBadge'
import { PriorityBadge } from './PriorityBadge'

interface Props {
  incident: Incident
  isSelected: boolean
  now: number
  onOpen(id: string): void
}

export function IncidentRow({ incident, isSelected, now, onOpen }: Props) {
  return (
    <li>
      <button
        type="button"
        className={isSelected ? 'incident-row selected' : 'incident-row'}
        data-testid="incident-row"
        data-number={incident.number}
        aria-current={isSelected ? 'true' : undefined}
        onClick={() => onOpen(incident.id)}
      >
        <span className="incident-row-top">
          <PriorityBadge priority={incident.priority} />
          <span className="mono incident-number">{incident.number}</span>
          <LockBadge groups={incident.restrictedGroups} />
          <span className={`incident-status status-word-${incident.status}`}>{incident.status}</span>
          <span className="incident-time" title={new Date(incident.updatedAt).toLocaleString()}>
            {relativeTime(incident.updatedAt, now)}
          </span>
        </span>
        <span className="incident-title">{incident.title}</span>
        <span className="incident-leader">{incident.leader}</span>
      </button>
    </li>
  )
}
