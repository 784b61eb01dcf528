import { create } from 'zustand'
import type { ServiceStatus } from '../../../shared/domain'
import { call } from '../api'

interface StatusState {
  services: ServiceStatus[]
  load(): Promise<void>
  replace(services: ServiceStatus[]): void
}

export const useStatus = create<StatusState>((set) => ({
  services: [],
  async load() {
    const r = await call('status:get', {})
    if (r.ok) set({ services: r.value })
  },
  replace(services) {
    set({ services })
  }
}))
