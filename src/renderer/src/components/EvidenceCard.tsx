import { useState } from 'react'
import { formatBytes, type EvidenceView } from '../../../shared/evidence'
import { EmailDetails } from './EmailDetails'
import { HashList } from './HashList'
import { IndicatorList } from './IndicatorList'

const KIND_WORDS: Record<EvidenceView['kind'], string> = { file: 'File', email: 'Email', ticket: 'Ticket', note: 'Note' }

/** An upload in the room: who added it, what it is (from its content), its hashes, what was found in it. */
export function EvidenceCard({ evidence: ev }: { evidence: EvidenceView }) {
  const [showEntries, setShowEntries] = useState(false)
  return (
    <div className={`evidence-card kind-${ev.kind}`} data-testid="evidence-card" data-kind={ev.kind} data-sha256={ev.hashes.sha256}>
      <div className="evidence-head">
        <span className="evidence-kind">{KIND_WORDS[ev.kind]}</span>
        <span className="evidence-name" data-testid="evidence-name">
          {ev.name}
        </span>
        <span className="muted">
          {ev.type.label} · {formatBytes(ev.size)} · added by {ev.addedBy.name}
        </span>
      </div>
      {ev.warnings.length > 0 && (
        <ul className="evidence-warnings" data-testid="evidence-warnings">
          {ev.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <HashList hashes={ev.hashes} />
      {ev.email && <EmailDetails email={ev.email} />}
      {ev.ticket && (
        <div className="evidence-section" data-testid="ticket-details">
          <dl className="email-fields">
            {ev.ticket.fields.map((f) => (
              <div key={f.label}>
                <dt>{f.label}</dt>
                <dd>{f.value}</dd>
              </div>
            ))}
          </dl>
          {ev.ticket.workNotes.length > 0 && (
            <>
              <div className="evidence-section-title">Work notes ({ev.ticket.workNotes.length})</div>
              <ol className="work-notes">
                {ev.ticket.workNotes.map((n, i) => (
                  <li key={i}>
                    <span className="muted">
                      {n.at} · {n.by}
                    </span>
                    <div className="message-text">{n.text}</div>
                  </li>
                ))}
              </ol>
            </>
          )}
        </div>
      )}
      {ev.archive && (
        <div className="evidence-section">
          <button type="button" className="link-button" onClick={() => setShowEntries((v) => !v)}>
            {showEntries ? 'Hide entries' : `Archive entries (${ev.archive.total.toLocaleString('en')}), not unpacked`}
          </button>
          {showEntries && (
            <pre className="evidence-pre">{ev.archive.entries.map((e) => `${e.size.toLocaleString('en').padStart(14)}  ${e.name}`).join('\n')}</pre>
          )}
        </div>
      )}
      {ev.preview && !ev.email && <pre className="evidence-pre evidence-preview">{ev.preview.split('\n').slice(0, 12).join('\n')}</pre>}
      <IndicatorList iocs={ev.iocs} />
    </div>
  )
}
