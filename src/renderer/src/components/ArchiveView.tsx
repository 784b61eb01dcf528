import { useEffect } from 'react'
import { useArchive } from '../stores/archive'
import { useIncidents } from '../stores/incidents'
import { useUi } from '../stores/ui'
import { ArchiveFilters } from './ArchiveFilters'
import { ArchiveTable } from './ArchiveTable'
import { Review } from './Review'

/** The Archive: closed incidents with filters; a row opens its read-only review. */
export function ArchiveView() {
  const reviewId = useUi((s) => s.reviewId)
  const incident = useIncidents((s) => (reviewId ? s.byId[reviewId] : undefined))
  if (reviewId && incident) return <Review incident={incident} />
  return <ArchiveList />
}

function ArchiveList() {
  const total = useArchive((s) => s.total)
  const isLoaded = useArchive((s) => s.isLoaded)
  const error = useArchive((s) => s.error)
  const reload = useArchive((s) => s.reload)
  useEffect(() => {
    void reload()
  }, [reload])
  return (
    <section className="archive" data-testid="archive">
      <header className="archive-top">
        <h2>Archive</h2>
        <span className="muted" data-testid="archive-count">
          {isLoaded ? `${total.toLocaleString()} closed incident${total === 1 ? '' : 's'}` : 'Loading…'}
        </span>
      </header>
      <ArchiveFilters />
      {error && (
        <p className="error-text archive-error" role="alert">
          {error}
        </p>
      )}
      {isLoaded && total === 0 && !error ? (
        <p className="muted archive-empty">No closed incident matches. Closing an incident archives it here, read-only.</p>
      ) : (
        <ArchiveTable />
      )}
    </section>
  )
}
