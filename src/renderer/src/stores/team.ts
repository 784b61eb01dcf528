import { create } from 'zustand'
import type { ChannelInput } from '../../../shared/contract'
import type { ErrorInfo } from '../../../shared/errors'
import type { RosterEntry } from '../../../shared/team'
import { call } from '../api'
import { useIncidents } from './incidents'
import { useSession } from './session'
import { toastError } from './toasts'

interface TeamState {
  roster: RosterEntry[]
  load(): Promise<void>
  /** Saves one person; the error comes back for the row to show in words. */
  save(entry: ChannelInput<'roster:set'>): Promise<ErrorInfo | null>
  identify(name: string, handle: string): Promise<ErrorInfo | null>
  restrict(incidentId: string, groups: string[]): Promise<ErrorInfo | null>
}

/** The team roster (Settings → Team), who sits here (first run), and restricting incidents. */
export const useTeam = create<TeamState>((set) => ({
  roster: [],
  async load() {
    const r = await call('roster:list', {})
    if (r.ok) set({ roster: r.value })
    else toastError(r.error)
  },
  async save(entry) {
    const r = await call('roster:set', entry)
    if (!r.ok) return r.error
    set({ roster: r.value })
    // Our own role or groups may have changed, and with them which incidents we see.
    await Promise.all([useSession.getState().load(), useIncidents.getState().load()])
    return null
  },
  async identify(name, handle) {
    const r = await call('identity:set', { name, handle })
    if (!r.ok) return r.error
    useSession.setState({ session: r.value })
    return null
  },
  async restrict(incidentId, groups) {
    const r = await call('incident:restrict', { id: incidentId, groups })
    if (!r.ok) return r.error
    useIncidents.getState().upsert(r.value)
    return null
  }
}))

/** A handle from a name: "Ana María Ortiz" → "ana.maria.ortiz". */
export function handleFromName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '')
    .slice(0, 40)
}
