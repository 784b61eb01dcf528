import { create } from 'zustand'
import type { SuggestionStats, Suggestions } from '../../../shared/domain'
import { call } from '../api'

interface SuggestionsState {
  incidentId: string | null
  data: Suggestions | null
  isLoading: boolean
  error: string | null
  /** Share of commands run from a suggestion, and what became of suggestions shown, per kind. */
  acceptance: SuggestionStats | null
  /** Suggestion whose "why this?" is open (by command). */
  whyOpen: string | null
  load(incidentId: string): Promise<void>
  toggleWhy(command: string): void
  dismiss(command: string): Promise<void>
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
  whyOpen: null,
  toggleWhy(command) {
    set((s) => ({ whyOpen: s.whyOpen === command ? null : command }))
  },
  async dismiss(command) {
    const { incidentId, data } = get()
    if (!incidentId || !data) return
    // Hide it at once; the next load brings the list the engine gives now.
    set({ data: { ...data, next: data.next.filter((s) => s.command !== command) } })
    const r = await call('suggest:dismiss', { incidentId, command })
    if (!r.ok) set({ error: r.error.message })
    const stats = await call('suggest:stats', {})
    if (stats.ok) set({ acceptance: stats.value })
  },
  async load(incidentId) {
    if (get().incidentId !== incidentId) set({ incidentId, data: null })
    set({ isLoading: true })
    const r = await call('suggest:get', { incidentId })
    if (get().incidentId !== incidentId) return
    if (r.ok) set({ data: r.value, isLoading: false, error: null })
    else set({ isLoading: false, error: r.error.message })
    const stats = await call('suggest:stats', {})
    if (stats.ok) set({ acceptance: stats.value })
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
