import { useMemo } from 'react'
import { useNow } from '../lib/use-now'
import { openIncident } from '../stores/actions'
import { listedIncidents, useIncidents, type Scope } from '../stores/incidents'
import { useUi } from '../stores/ui'
import { IncidentRow } from './IncidentRow'

const SCOPES: { id: Scope; label: string }[] = [
  { id: 'open', label: 'Open' },
  { id: 'closed', label: 'Closed' },
  { id: 'all', label: 'All' }
]

export function IncidentList() {
  const byId = useIncidents((s) => s.byId)
  const listIds = useIncidents((s) => s.listIds)
  const scope = useIncidents((s) => s.scope)
  const isLoaded = useIncidents((s) => s.isLoaded)
  const selectedId = useIncidents((s) => s.selectedId)
  const setScope = useIncidents((s) => s.setScope)
  const openDialog = useUi((s) => s.open)
  const now = useNow()
  const incidents = useMemo(() => listedIncidents(byId, listIds), [byId, listIds])
  const hasAny = useIncidents((s) => s.hasAny)
  const isFirstRun = isLoaded && !hasAny

  return (
    <nav className="incident-list" aria-label="Incidents">
      <div className="incident-list-head">
        <div className="segmented" role="tablist">
          {SCOPES.map((s) => (
            <button
              key={s.id}
              type="button"
              role="tab"
              aria-selected={scope === s.id}
              className={scope === s.id ? 'active' : ''}
              onClick={() => void setScope(s.id)}
            >
              {s.label}
            </button>
          ))}
        </div>
        <button type="button" className="button primary" data-testid="new-incident" onClick={() => openDialog('new-incident')} title="New incident (Ctrl+N)">
          New incident
        </button>
      </div>
      {isFirstRun ? (
        <div className="empty-state">
          <p className="empty-title">No incidents yet</p>
          <p className="muted">Open one when something needs investigating: a phishing report, an alert, a call from a user.</p>
          <button type="button" className="button primary" onClick={() => openDialog('new-incident')}>
            Open the first incident
          </button>
        </div>
      ) : (
        <ul className="incident-rows">
          {isLoaded && incidents.length === 0 && <li className="muted list-note">No {scope === 'all' ? '' : scope} incidents.</li>}
          {incidents.map((i) => (
            <IncidentRow key={i.id} incident={i} isSelected={i.id === selectedId} now={now} onOpen={(id) => void openIncident(id)} />
          ))}
        </ul>
      )}
    </nav>
  )
}
