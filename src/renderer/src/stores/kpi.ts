import { create } from 'zustand'
import type { ErrorInfo } from '../../../shared/errors'
import type { KpiReport } from '../../../shared/kpi'
import { call } from '../api'

const DAY = 86_400_000

/** Midnight UTC at the start of the day holding `at`. */
export const dayStart = (at: number): number => Math.floor(at / DAY) * DAY

interface KpiState {
  from: number
  to: number
  report: KpiReport | null
  isLoading: boolean
  error: ErrorInfo | null
  setRange(from: number, to: number): Promise<void>
  lastDays(days: number): Promise<void>
  load(): Promise<void>
}

/** The KPI dashboard's range and the figures core computed for it. */
export const useKpi = create<KpiState>((set, get) => ({
  from: dayStart(Date.now()) - 29 * DAY,
  to: dayStart(Date.now()) + DAY,
  report: null,
  isLoading: false,
  error: null,
  async setRange(from, to) {
    set({ from, to })
    await get().load()
  },
  async lastDays(days) {
    const to = dayStart(Date.now()) + DAY
    await get().setRange(to - days * DAY, to)
  },
  async load() {
    const { from, to } = get()
    set({ isLoading: true })
    const r = await call('kpi:get', { from, to })
    if (get().from !== from || get().to !== to) return
    set(r.ok ? { report: r.value, error: null, isLoading: false } : { error: r.error, isLoading: false })
  }
}))
