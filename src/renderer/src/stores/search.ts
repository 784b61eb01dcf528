import { create } from 'zustand'
import type { SearchHit } from '../../../shared/domain'
import { call } from '../api'
import { describeError } from '../api/error-words'

const MIN_QUERY = 2

interface SearchState {
  query: string
  hits: SearchHit[]
  isSearching: boolean
  error: string | null
  /** Said when the query ran as plain words instead of as written. */
  notice: string | null
  /** The query the shown hits answer (null until one is answered). */
  answered: string | null
  setQuery(query: string): void
  clear(): void
}

let debounce: ReturnType<typeof setTimeout> | undefined
let latest = 0

async function run(query: string, set: (p: Partial<SearchState>) => void): Promise<void> {
  const ticket = ++latest
  set({ isSearching: true })
  const r = await call('search:query', { query, limit: 50 })
  if (ticket !== latest) return
  if (r.ok) set({ hits: r.value.hits, notice: r.value.notice ?? null, isSearching: false, error: null, answered: query })
  else set({ hits: [], notice: null, isSearching: false, error: describeError(r.error).detail })
}

export const useSearch = create<SearchState>((set) => ({
  query: '',
  hits: [],
  isSearching: false,
  error: null,
  notice: null,
  answered: null,
  setQuery(query) {
    set({ query })
    clearTimeout(debounce)
    if (query.trim().length < MIN_QUERY) {
      latest++
      set({ hits: [], isSearching: false, error: null })
      return
    }
    // Searching from the first keystroke: "nothing matches" only once the answer is in.
    set({ isSearching: true })
    debounce = setTimeout(() => void run(query.trim(), set), 200)
  },
  clear() {
    clearTimeout(debounce)
    latest++
    set({ query: '', hits: [], isSearching: false, error: null })
  }
}))
