import { useState, type DragEvent } from 'react'
import { openIncident } from '../stores/actions'
import { useIncidents } from '../stores/incidents'
import { useUploads } from '../stores/uploads'
import { useUi } from '../stores/ui'
import { Composer } from './Composer'
import { RoomHeader } from './RoomHeader'
import { SuggestionsPanel } from './SuggestionsPanel'
import { Timeline } from './Timeline'
import { UploadTray } from './UploadTray'

const hasFiles = (e: DragEvent): boolean => Array.from(e.dataTransfer.types).includes('Files')

export function Room() {
  const incident = useIncidents((s) => (s.selectedId ? s.byId[s.selectedId] : undefined))
  const hasAny = useIncidents((s) => s.hasAny)
  const openDialog = useUi((s) => s.open)
  const [isDropping, setDropping] = useState(false)

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
  const isOpen = incident.status !== 'closed'
  const onDragOver = (e: DragEvent) => {
    if (!isOpen || !hasFiles(e)) return
    e.preventDefault()
    e.dataTransfer.dropEffect = 'copy'
    setDropping(true)
  }
  const onDrop = (e: DragEvent) => {
    if (!isOpen || !hasFiles(e)) return
    e.preventDefault()
    setDropping(false)
    void useUploads.getState().add(Array.from(e.dataTransfer.files).map((f) => ({ blob: f, name: f.name })))
  }
  return (
    <>
      <main
        className={`room${isDropping ? ' dropping' : ''}`}
        data-testid="room"
        onDragOver={onDragOver}
        onDragLeave={(e) => {
          if (e.currentTarget === e.target || !e.currentTarget.contains(e.relatedTarget as Node | null)) setDropping(false)
        }}
        onDrop={onDrop}
      >
        <RoomHeader incident={incident} />
        <Timeline key={incident.id} />
        {isDropping && <div className="drop-overlay">Drop to add as evidence: stored by hash, never opened</div>}
        <UploadTray />
        {incident.status === 'closed' ? (
          <div className="composer-closed" data-testid="composer-closed">
            {incident.number} is closed and archived: this is the record as it was kept.{' '}
            <button type="button" className="link-button" data-testid="open-review" onClick={() => void openIncident(incident.id)}>
              Open its review
            </button>{' '}
            to check its stamp, export it, or reopen it with a reason.
          </div>
        ) : (
          <Composer />
        )}
      </main>
      <SuggestionsPanel />
    </>
  )
}
