import { create } from 'zustand'
import type { ChannelInput } from '../../../shared/contract'
import type { Incident } from '../../../shared/domain'
import type { ErrorInfo } from '../../../shared/errors'
import { call } from '../api'
import { toastError } from './toasts'

export type Scope = 'open' | 'closed' | 'all'

type CreateInput = ChannelInput<'incident:create'>
type UpdatePatch = Omit<ChannelInput<'incident:update'>, 'id'>

interface IncidentsState {
  byId: Record<string, Incident>
  /** Ids in the current scope, as the server decides what "open" and "closed" mean. */
  listIds: string[]
  scope: Scope
  selectedId: string | null
  isLoaded: boolean
  /** False only on a first run: no incident exists in any state. */
  hasAny: boolean
  load(): Promise<void>
  setScope(scope: Scope): Promise<void>
  select(id: string | null): void
  create(input: CreateInput): Promise<{ ok: true; incident: Incident } | { ok: false; error: ErrorInfo }>
  update(id: string, patch: UpdatePatch): Promise<boolean>
  /** Drops an incident this person may no longer see (restricted to other groups). */
  forget(id: string): void
  upsert(incident: Incident): void
  ensure(id: string): Promise<void>
}

let reloadTimer: ReturnType<typeof setTimeout> | undefined

export const useIncidents = create<IncidentsState>((set, get) => ({
  byId: {},
  listIds: [],
  scope: 'open',
  selectedId: null,
  isLoaded: false,
  hasAny: true,
  async load() {
    const scope = get().scope
    const r = await call('incident:list', { scope })
    if (!r.ok) return toastError(r.error)
    if (get().scope !== scope) return
    let hasAny = r.value.length > 0
    if (!hasAny && scope !== 'all') {
      const all = await call('incident:list', { scope: 'all' })
      hasAny = !all.ok || all.value.length > 0
    }
    set((s) => ({
      hasAny,
      // A list answered before a later change must not undo it: keep whichever copy is newer.
      byId: { ...s.byId, ...Object.fromEntries(r.value.map((i) => [i.id, newer(s.byId[i.id], i)])) },
      listIds: r.value.map((i) => i.id),
      isLoaded: true
    }))
  },
  async setScope(scope) {
    set({ scope })
    await get().load()
  },
  select(id) {
    set({ selectedId: id })
    if (id) void get().ensure(id)
  },
  async create(input) {
    const r = await call('incident:create', input)
    if (!r.ok) return { ok: false, error: r.error }
    get().upsert(r.value)
    set({ selectedId: r.value.id })
    return { ok: true, incident: r.value }
  },
  async update(id, patch) {
    const r = await call('incident:update', { id, ...patch })
    if (!r.ok) {
      toastError(r.error)
      return false
    }
    get().upsert(r.value)
    return true
  },
  forget(id) {
    set((s) => {
      const { [id]: _gone, ...byId } = s.byId
      return { byId, listIds: s.listIds.filter((x) => x !== id), selectedId: s.selectedId === id ? null : s.selectedId }
    })
  },
  upsert(incident) {
    const prev = get().byId[incident.id]
    if (newer(prev, incident) !== incident) return
    set((s) => ({ byId: { ...s.byId, [incident.id]: incident }, hasAny: true }))
    // A new incident or a status change may move it in or out of the current list.
    if (!prev || prev.status !== incident.status) {
      clearTimeout(reloadTimer)
      reloadTimer = setTimeout(() => void get().load(), 150)
    }
  },
  async ensure(id) {
    if (get().byId[id]) return
    const r = await call('incident:get', { id })
    if (r.ok) get().upsert(r.value)
    else toastError(r.error)
  }
}))

function newer(known: Incident | undefined, incoming: Incident): Incident {
  return known && known.updatedAt > incoming.updatedAt ? known : incoming
}

/** Newest activity first. */
export function listedIncidents(byId: Record<string, Incident>, ids: string[]): Incident[] {
  return ids
    .map((id) => byId[id])
    .filter((i): i is Incident => i !== undefined)
    .sort((a, b) => b.updatedAt - a.updatedAt)
}
