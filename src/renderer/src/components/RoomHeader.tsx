import { INCIDENT_STATUSES, INTAKE_LABELS, type Incident, type IncidentStatus } from '../../../shared/domain'
import { BRIDGE_CALL_REMINDER, isHighPriority } from '../../../shared/priority'
import { useIncidents } from '../stores/incidents'
import { ExportButton } from './ExportButton'
import { ReportButtons } from './ReportButtons'
import { InlineEdit } from './InlineEdit'
import { MembersEditor } from './MembersEditor'
import { LockBadge } from './LockBadge'
import { PriorityBadge } from './PriorityBadge'
import { RestrictControl } from './RestrictControl'
import { useSession } from '../stores/session'

export function RoomHeader({ incident }: { incident: Incident }) {
  const update = useIncidents((s) => s.update)
  const isLead = useSession((s) => s.session?.user.role === 'lead')
  const patch = (p: Parameters<typeof update>[1]) => void update(incident.id, p)

  return (
    <>
      <header className="room-header" data-testid="room-header" data-number={incident.number}>
        <div className="room-title-line">
          <PriorityBadge priority={incident.priority} />
          <span className="mono room-number">{incident.number}</span>
          <h1 className="room-title" title={incident.title}>
            {incident.title}
          </h1>
          <LockBadge groups={incident.restrictedGroups} />
          <span className="topbar-spacer" />
          <select
            className="status-select"
            data-testid="status-select"
            aria-label="Status"
            value={incident.status}
            onChange={(e) => patch({ status: e.target.value as IncidentStatus })}
          >
            {INCIDENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <ReportButtons incidentId={incident.id} />
          <ExportButton incidentId={incident.id} />
        </div>
        <div className="room-meta">
          <span className="meta-item">
            <span className="meta-label">Leader</span>
            <InlineEdit value={incident.leader} testId="room-leader" onSave={(leader) => patch({ leader })} />
          </span>
          <span className="meta-item">
            <span className="meta-label">Members</span>
            <MembersEditor members={incident.members} onChange={(members) => patch({ members })} />
          </span>
          <span className="meta-item muted">via {INTAKE_LABELS[incident.source]}</span>
          {isLead && (
            <span className="meta-item">
              <RestrictControl incident={incident} />
            </span>
          )}
          {incident.ticket && (
            <span className="meta-item">
              <span className="meta-label">Ticket</span>
              {incident.ticket.link ? (
                <a href={incident.ticket.link} target="_blank" rel="noreferrer noopener" data-testid="ticket-link">
                  {incident.ticket.number}
                </a>
              ) : (
                <span className="mono">{incident.ticket.number}</span>
              )}
            </span>
          )}
          {incident.slackChannel && (
            <span className="meta-item">
              <span className="meta-label">Slack</span>
              <span className="mono">#{incident.slackChannel.replace(/^#/, '')}</span>
            </span>
          )}
        </div>
        {incident.description && (
          <p className="room-description" data-testid="room-description" title={incident.description}>
            {incident.description}
          </p>
        )}
      </header>
      {isHighPriority(incident.priority) && (
        <div className={`bridge-banner bridge-${incident.priority.toLowerCase()}`} role="note" data-testid="bridge-banner">
          {BRIDGE_CALL_REMINDER}
        </div>
      )}
    </>
  )
}
