import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useEffect, useRef } from 'react'
import { INTAKE_LABELS, type ArchivedIncident } from '../../../shared/domain'
import { formatDuration } from '../../../shared/duration'
import { openIncident } from '../stores/actions'
import { useArchive, type SortKey } from '../stores/archive'
import { PriorityBadge } from './PriorityBadge'

const ROW_PX = 30
const day = (at: number): string => new Date(at).toISOString().slice(0, 16).replace('T', ' ')

interface Column {
  label: string
  sort?: SortKey
  cell(r: ArchivedIncident): React.ReactNode
}

const COLUMNS: Column[] = [
  { label: 'Number', sort: 'number', cell: (r) => <span className="mono">{r.number}</span> },
  { label: 'Priority', sort: 'priority', cell: (r) => <PriorityBadge priority={r.priority} /> },
  { label: 'Title', cell: (r) => <span className="archive-title" title={r.title}>{r.title}</span> },
  { label: 'Intake', cell: (r) => INTAKE_LABELS[r.source] },
  { label: 'Leader', cell: (r) => r.leader },
  { label: 'Opened (UTC)', sort: 'opened', cell: (r) => <span className="mono">{day(r.openedAt)}</span> },
  { label: 'Closed (UTC)', sort: 'closed', cell: (r) => <span className="mono">{day(r.closedAt)}</span> },
  { label: 'Open for', sort: 'duration', cell: (r) => formatDuration(r.closedAt - r.openedAt) },
  { label: 'Lines', cell: (r) => <span className="num">{r.messageCount}</span> }
]

/** Archived incidents, virtualized: rows outside the view are neither rendered nor fetched. */
export function ArchiveTable() {
  const total = useArchive((s) => s.total)
  const rows = useArchive((s) => s.rows)
  const filters = useArchive((s) => s.filters)
  const sortBy = useArchive((s) => s.sortBy)
  const ensureRange = useArchive((s) => s.ensureRange)
  const scroller = useRef<HTMLDivElement>(null)

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is mutable by design
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scroller.current, estimateSize: () => ROW_PX, overscan: 20 })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items[items.length - 1]?.index ?? 0
  useEffect(() => {
    if (total > 0) ensureRange(first, last)
  }, [first, last, total, rows, ensureRange])

  return (
    <div className="archive-table" role="table" aria-label="Archived incidents" aria-rowcount={total}>
      <div className="archive-row archive-head" role="row">
        {COLUMNS.map((c) => {
          const isSorted = c.sort !== undefined && filters.sort === c.sort
          return (
            <span key={c.label} role="columnheader" aria-sort={isSorted ? (filters.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
              {c.sort ? (
                <button type="button" className="sort-button" data-testid={`sort-${c.sort}`} onClick={() => sortBy(c.sort as SortKey)}>
                  {c.label}
                  <span className="sort-mark">{isSorted ? (filters.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                </button>
              ) : (
                c.label
              )}
            </span>
          )
        })}
      </div>
      <div className="archive-body" ref={scroller} data-testid="archive-rows">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => (
            <ArchiveRow key={item.key} row={rows.get(item.index)} start={item.start} />
          ))}
        </div>
      </div>
    </div>
  )
}

/** One row; memoized so a scroll renders only the rows that came into view. */
const ArchiveRow = memo(function ArchiveRow({ row: r, start }: { row: ArchivedIncident | undefined; start: number }) {
  return (
    <div
      role="row"
      className={`archive-row${r ? '' : ' loading'}`}
      style={{ transform: `translateY(${start}px)`, height: ROW_PX }}
      data-testid={r ? 'archive-row' : undefined}
      data-number={r?.number}
      tabIndex={r ? 0 : -1}
      onClick={() => r && void openIncident(r.id)}
      onKeyDown={(e) => {
        if (r && e.key === 'Enter') void openIncident(r.id)
      }}
    >
      {r ? COLUMNS.map((c) => <span key={c.label} role="cell">{c.cell(r)}</span>) : <span className="muted">Loading…</span>}
    </div>
  )
})
