import { useSession } from '../stores/session'
import { useUi } from '../stores/ui'
import { SearchBox } from './SearchBox'
import { StatusPills } from './StatusPills'

export function TopBar() {
  const session = useSession((s) => s.session)
  const connection = useSession((s) => s.connection)
  const open = useUi((s) => s.open)
  const view = useUi((s) => s.view)
  const show = useUi((s) => s.show)
  const archive = session?.archive

  return (
    <header className="topbar">
      <span className="app-name">Virgil</span>
      <nav className="segmented" aria-label="View">
        <button type="button" className={view === 'rooms' ? 'active' : ''} data-testid="rooms-button" aria-pressed={view === 'rooms'} onClick={() => show('rooms')}>
          Rooms
        </button>
        <button type="button" className={view === 'kpis' ? 'active' : ''} data-testid="kpi-button" aria-pressed={view === 'kpis'} onClick={() => show('kpis')}>
          KPIs
        </button>
        <button type="button" className={view === 'archive' ? 'active' : ''} data-testid="archive-button" aria-pressed={view === 'archive'} onClick={() => {
            useUi.getState().review(null)
            show('archive')
          }}>
          Archive
        </button>
      </nav>
      {archive && (
        <span className={`archive-badge${archive.verification.ok ? '' : ' bad'}`} data-testid="archive-badge" title={archive.file}>
          Read-only archive · {archive.file.split(/[\\/]/).pop()}
        </span>
      )}
      {connection !== 'open' && (
        <span className="connection" data-testid="connection" role="status">
          {connection === 'connecting'
            ? 'Connecting…'
            : connection === 'refused'
              ? 'This link’s token was refused: open the link Virgil printed when it started.'
              : 'Reconnecting…'}
        </span>
      )}
      <StatusPills />
      <SearchBox />
      <span className="topbar-spacer" />
      {session && (
        <span className="analyst" title={`${session.user.role} · ${session.mode} · v${session.version}`}>
          {session.user.name}
          <span className="analyst-role" data-testid="analyst-role">
            {session.user.role}
          </span>
        </span>
      )}
      <button type="button" className="button subtle" data-testid="settings-button" onClick={() => open('settings')}>
        Settings
      </button>
    </header>
  )
}
