import { useEffect } from 'react'
import { ArchiveView } from './components/ArchiveView'
import { IdentityDialog } from './components/IdentityDialog'
import { IncidentForm } from './components/IncidentForm'
import { IncidentList } from './components/IncidentList'
import { KpiDashboard } from './components/KpiDashboard'
import { Room } from './components/Room'
import { SettingsDialog } from './components/SettingsDialog'
import { Toasts } from './components/Toasts'
import { TopBar } from './components/TopBar'
import { useShortcuts } from './lib/use-shortcuts'
import { openArchiveFile } from './stores/actions'
import { loadAll, wireEvents } from './stores/events'
import { useSession } from './stores/session'
import { useUi } from './stores/ui'

export function App() {
  const dialog = useUi((s) => s.dialog)
  const view = useUi((s) => s.view)
  const archiveFile = useSession((s) => s.session?.archive?.file)
  const needsIdentity = useSession((s) => s.session?.identity?.needed === true && !s.session.archive)
  useShortcuts()

  // A window opened on a portable archive (serve --open, desktop "Open archive…") shows its review.
  useEffect(() => {
    if (archiveFile) void openArchiveFile()
  }, [archiveFile])

  useEffect(() => {
    const unwire = wireEvents()
    void loadAll()
    return unwire
  }, [])

  return (
    <div className="app">
      <TopBar />
      {view === 'kpis' ? (
        <KpiDashboard />
      ) : view === 'archive' ? (
        <ArchiveView />
      ) : (
        <div className="workspace">
          <IncidentList />
          <Room />
        </div>
      )}
      {dialog === 'new-incident' && <IncidentForm />}
      {dialog === 'settings' && <SettingsDialog />}
      {needsIdentity && <IdentityDialog />}
      <Toasts />
    </div>
  )
}
