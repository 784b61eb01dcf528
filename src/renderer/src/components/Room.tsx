import { useIncidents } from '../stores/incidents'
import { useUi } from '../stores/ui'
import { Composer } from './Composer'
import { RoomHeader } from './RoomHeader'
import { SuggestionsPanel } from './SuggestionsPanel'
import { Timeline } from './Timeline'

export function Room() {
  const incident = useIncidents((s) => (s.selectedId ? s.byId[s.selectedId] : undefined))
  const hasAny = useIncidents((s) => s.hasAny)
  const openDialog = useUi((s) => s.open)

  if (!incident) {
    return (
      <main className="room room-empty">
        <div className="empty-state">
          {hasAny ? (
            <p className="muted">Pick an incident on the left to open its room.</p>
          ) : (
            <>
              <p className="empty-title">Welcome to Virgil</p>
              <p className="muted">Each incident gets a room: the chat, the commands you run and their results, notes and evidence, in one timeline.</p>
              <button type="button" className="button primary" onClick={() => openDialog('new-incident')}>
                New incident
              </button>
            </>
          )}
        </div>
      </main>
    )
  }
  return (
    <>
      <main className="room">
        <RoomHeader incident={incident} />
        <Timeline key={incident.id} />
        {incident.status === 'closed' ? (
          <div className="composer-closed" data-testid="composer-closed">
            {incident.number} is closed: this is the record as it was kept. Change its status to reopen it and write again.
          </div>
        ) : (
          <Composer />
        )}
      </main>
      <SuggestionsPanel />
    </>
  )
}
