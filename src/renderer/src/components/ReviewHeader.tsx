import { useState } from 'react'
import { INTAKE_LABELS, type Incident } from '../../../shared/domain'
import { fullTime } from '../lib/time'
import { useReview } from '../stores/review'
import { useSession } from '../stores/session'
import { useUi } from '../stores/ui'
import { PriorityBadge } from './PriorityBadge'
import { ReopenDialog } from './ReopenDialog'
import { ReportButtons } from './ReportButtons'

/** The review's header: what the room was, read-only; a lead may reopen it with a reason. */
export function ReviewHeader({ incident }: { incident: Incident }) {
  const archive = useSession((s) => s.session?.archive)
  const role = useSession((s) => s.session?.user.role)
  const isExporting = useReview((s) => s.isExporting)
  const exportPortable = useReview((s) => s.exportPortable)
  const [isReopening, setReopening] = useState(false)
  const isClosed = incident.status === 'closed'
  const canChange = !archive && role !== 'viewer'

  return (
    <header className="room-header review-header" data-testid="review-header" data-number={incident.number}>
      <div className="room-title-line">
        {!archive && (
          <button type="button" className="button subtle" data-testid="back-to-archive" onClick={() => useUi.getState().review(null)}>
            ← Archive
          </button>
        )}
        <PriorityBadge priority={incident.priority} />
        <span className="mono room-number">{incident.number}</span>
        <h1 className="room-title" title={incident.title}>
          {incident.title}
        </h1>
        <span className={`review-state${isClosed ? '' : ' reopened'}`} data-testid="review-state">
          {archive ? 'portable archive · read-only' : isClosed ? 'archived · read-only' : `reopened · ${incident.status}`}
        </span>
        <span className="topbar-spacer" />
        {canChange && isClosed && (
          <button type="button" className="button" data-testid="reopen" onClick={() => setReopening(true)}>
            Reopen…
          </button>
        )}
      </div>
      <div className="room-meta">
        <span className="meta-item">
          <span className="meta-label">Leader</span>
          {incident.leader}
        </span>
        {incident.members.length > 0 && (
          <span className="meta-item">
            <span className="meta-label">Members</span>
            {incident.members.join(', ')}
          </span>
        )}
        <span className="meta-item muted">via {INTAKE_LABELS[incident.source]}</span>
        <span className="meta-item">
          <span className="meta-label">Opened</span>
          {fullTime(incident.openedAt)}
        </span>
        {incident.closedAt !== undefined && (
          <span className="meta-item">
            <span className="meta-label">Closed</span>
            {fullTime(incident.closedAt)}
          </span>
        )}
        {incident.ticket && (
          <span className="meta-item">
            <span className="meta-label">Ticket</span>
            <span className="mono" data-testid="review-ticket">
              {incident.ticket.number}
            </span>
          </span>
        )}
        {incident.slackChannel && (
          <span className="meta-item">
            <span className="meta-label">Slack</span>
            <span className="mono">#{incident.slackChannel.replace(/^#/, '')}</span>
          </span>
        )}
        {archive && (
          <span className="meta-item muted" title={archive.file}>
            from {archive.file.split(/[\\/]/).pop()}
          </span>
        )}
        <span className="review-actions">
          <ReportButtons incidentId={incident.id} />
          {canChange && (
            <button type="button" className="button subtle" data-testid="export-portable" disabled={isExporting} onClick={() => void exportPortable()} title="One .virgil file another analyst or an auditor can open and verify">
              {isExporting ? 'Exporting…' : 'Export portable archive'}
            </button>
          )}
        </span>
      </div>
      {incident.description && <p className="room-description">{incident.description}</p>}
      {isReopening && <ReopenDialog number={incident.number} onClose={() => setReopening(false)} />}
    </header>
  )
}
