import { create } from 'zustand'
import type { Suggestions } from '../../../shared/domain'
import { call } from '../api'

interface SuggestionsState {
  incidentId: string | null
  data: Suggestions | null
  isLoading: boolean
  error: string | null
  /** Share of commands run from a suggestion, over the whole log. */
  acceptance: { runs: number; fromSuggestion: number } | null
  load(incidentId: string): Promise<void>
  refreshSoon(incidentId: string): void
  clear(): void
}

let refreshTimer: ReturnType<typeof setTimeout> | undefined

export const useSuggestions = create<SuggestionsState>((set, get) => ({
  incidentId: null,
  data: null,
  isLoading: false,
  error: null,
  acceptance: null,
  async load(incidentId) {
    if (get().incidentId !== incidentId) set({ incidentId, data: null })
    set({ isLoading: true })
    const r = await call('suggest:get', { incidentId })
    if (get().incidentId !== incidentId) return
    if (r.ok) set({ data: r.value, isLoading: false, error: null })
    else set({ isLoading: false, error: r.error.message })
    const stats = await call('suggest:stats', {})
    if (stats.ok) set({ acceptance: stats.value.total })
  },
  /** Several commands can finish together; ask once. */
  refreshSoon(incidentId) {
    if (get().incidentId !== incidentId) return
    clearTimeout(refreshTimer)
    refreshTimer = setTimeout(() => void get().load(incidentId), 200)
  },
  clear() {
    clearTimeout(refreshTimer)
    set({ incidentId: null, data: null, error: null })
  }
}))
