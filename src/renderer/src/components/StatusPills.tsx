import type { ServiceStatus } from '../../../shared/domain'
import { useStatus } from '../stores/status'
import { SyncPill } from './SyncPill'

const VISIBLE = new Set<ServiceStatus['state']>(['degraded', 'down'])

function tooltip(s: ServiceStatus): string {
  const pending = s.pending > 0 ? `\n${s.pending} waiting to be delivered` : ''
  return `${s.name}: ${s.state}${s.detail ? ` — ${s.detail}` : ''}${pending}`
}

/** Healthy services are a quiet dot; degraded or down ones say so, with the detail on hover. */
export function StatusPills() {
  const services = useStatus((s) => s.services)
  return (
    <div className="status-pills" aria-label="Service status">
      {services.map((s) =>
        s.name === 'Sync' && s.state !== 'off' ? (
          <SyncPill key={s.name} status={s} title={tooltip(s)} />
        ) : VISIBLE.has(s.state) ? (
          <span key={s.name} className={`status-pill status-${s.state}`} data-testid="status-pill" data-state={s.state} title={tooltip(s)}>
            {s.name} {s.state}
            {s.pending > 0 ? ` · ${s.pending}` : ''}
          </span>
        ) : (
          <span
            key={s.name}
            className={`status-dot status-${s.state}`}
            data-testid="status-pill"
            data-state={s.state}
            title={tooltip(s)}
            aria-label={tooltip(s)}
          />
        )
      )}
    </div>
  )
}
