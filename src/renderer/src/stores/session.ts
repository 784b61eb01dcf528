import { create } from 'zustand'
import type { Session } from '../../../shared/domain'
import { call, type ConnectionState } from '../api'
import { toastError } from './toasts'

interface SessionState {
  session: Session | null
  connection: ConnectionState
  load(): Promise<void>
  setConnection(state: ConnectionState): void
}

export const useSession = create<SessionState>((set) => ({
  session: null,
  connection: 'connecting',
  async load() {
    const r = await call('session:get', {})
    if (r.ok) set({ session: r.value })
    else toastError(r.error)
  },
  setConnection(connection) {
    set({ connection })
  }
}))
