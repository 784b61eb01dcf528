import { create } from 'zustand'
import type { ArchivedIncident, ArchiveFilters } from '../../../shared/domain'
import { call } from '../api'
import { describeError } from '../api/error-words'

export const ARCHIVE_PAGE = 500
export type SortKey = NonNullable<ArchiveFilters['sort']>

interface ArchiveState {
  filters: ArchiveFilters
  total: number
  /** Rows by position, filled page by page as the table scrolls: 100k rows never load at once. */
  rows: Map<number, ArchivedIncident>
  isLoaded: boolean
  error: string | null
  /** Bumped on every new query so late pages of an old query are dropped. */
  generation: number
  setFilters(patch: Partial<ArchiveFilters>): void
  sortBy(key: SortKey): void
  reload(): Promise<void>
  ensureRange(from: number, to: number): void
  /** An incident was closed or reopened: the list changes under the analyst, quietly. */
  refreshSoon(): void
}

const inFlight = new Set<string>()
let debounce: ReturnType<typeof setTimeout> | undefined

function clean(f: ArchiveFilters): ArchiveFilters {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue
    out[k] = typeof v === 'string' ? v.trim() : v
  }
  return out as ArchiveFilters
}

export const useArchive = create<ArchiveState>((set, get) => {
  const loadPage = async (page: number, generation: number, replace = false): Promise<void> => {
    const key = `${generation}:${page}`
    if (inFlight.has(key)) return
    inFlight.add(key)
    const r = await call('archive:list', { filters: clean(get().filters), offset: page * ARCHIVE_PAGE, limit: ARCHIVE_PAGE })
    inFlight.delete(key)
    if (get().generation !== generation) return
    if (!r.ok) return set({ error: describeError(r.error).detail, isLoaded: true })
    // A new query keeps showing the old rows until its first page arrives: no flash of "Loading…".
    const rows = replace ? new Map<number, ArchivedIncident>() : new Map(get().rows)
    r.value.rows.forEach((row, i) => rows.set(page * ARCHIVE_PAGE + i, row))
    set({ rows, total: r.value.total, isLoaded: true, error: null })
  }
  return {
    filters: { sort: 'closed', direction: 'desc' },
    total: 0,
    rows: new Map(),
    isLoaded: false,
    error: null,
    generation: 0,
    setFilters(patch) {
      set((s) => ({ filters: { ...s.filters, ...patch } }))
      clearTimeout(debounce)
      debounce = setTimeout(() => void get().reload(), 250)
    },
    sortBy(key) {
      const { sort, direction } = get().filters
      const next = sort === key ? (direction === 'asc' ? 'desc' : 'asc') : key === 'number' ? 'asc' : 'desc'
      set((s) => ({ filters: { ...s.filters, sort: key, direction: next } }))
      void get().reload()
    },
    async reload() {
      clearTimeout(debounce)
      const generation = get().generation + 1
      set({ generation })
      await loadPage(0, generation, true)
    },
    refreshSoon() {
      if (!get().isLoaded) return
      clearTimeout(debounce)
      debounce = setTimeout(() => void get().reload(), 300)
    },
    ensureRange(from, to) {
      const { rows, generation, total } = get()
      const last = Math.min(to, total - 1)
      for (let page = Math.floor(from / ARCHIVE_PAGE); page <= Math.floor(last / ARCHIVE_PAGE); page++) {
        if (!rows.has(page * ARCHIVE_PAGE)) void loadPage(page, generation)
      }
    }
  }
})
