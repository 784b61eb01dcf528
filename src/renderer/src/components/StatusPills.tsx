import { statusBarItems } from '../../../shared/status-bar'
import { useStatus } from '../stores/status'

/** Every service in trouble says so, worst first, with the detail on hover; healthy ones are quiet dots. */
export function StatusPills() {
  const services = useStatus((s) => s.services)
  return (
    <div className="status-pills" role="group" aria-label="Service status">
      {statusBarItems(services).map((s) =>
        s.isTrouble ? (
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
