import type { ServiceStatus } from '../../../shared/domain'

const CATCHING_UP = /catching up (\d+) of (\d+)/

/**
 * Team sync in words, always visible once sync is on: "Sync connected", "Sync offline since 14:02 ·
 * 12 events waiting", "Sync catching up 1200 of 5000" with a progress bar.
 */
export function SyncPill({ status, title }: { status: ServiceStatus; title: string }) {
  const m = CATCHING_UP.exec(status.detail)
  const words = status.detail.split(/[;,]/)[0] ?? status.detail
  return (
    <span className={`status-pill sync-pill status-${status.state}`} data-testid="sync-pill" data-state={status.state} title={title}>
      Sync {words}
      {m ? <progress className="sync-progress" max={Number(m[2])} value={Number(m[1])} aria-label="Catching up with the team" /> : null}
    </span>
  )
}
