import { statusBarItems } from '../../../shared/status-bar'
import { useStatus } from '../stores/status'
import { SyncPill } from './SyncPill'

/** Every service in trouble says so, worst first, with the detail on hover; healthy ones are quiet dots. */
export function StatusPills() {
  const services = useStatus((s) => s.services)
  const sync = services.find((x) => x.name === 'Sync' && x.state !== 'off')
  return (
    <div className="status-pills" role="group" aria-label="Service status">
      {statusBarItems(services).map((s) =>
        sync && s.name === sync.name ? (
          <SyncPill key={s.name} status={sync} title={s.title} />
        ) : s.isTrouble ? (
          <span key={s.name} className={`status-pill status-${s.state}`} data-testid="status-pill" data-service={s.name} data-state={s.state} title={s.title}>
            {s.label}
          </span>
        ) : (
          <span
            key={s.name}
            className={`status-dot status-${s.state}`}
            data-testid="status-pill"
            data-service={s.name}
            data-state={s.state}
            role="img"
            title={s.title}
            aria-label={s.title}
          />
        )
      )}
    </div>
  )
}
