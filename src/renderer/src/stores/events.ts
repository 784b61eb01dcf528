import { openIncident } from './actions'
import type { Message } from '../../../shared/domain'
import { getApi, isServeMode, onConnectionState, connectionState } from '../api'
import { useArchive } from './archive'
import { useComposer } from './composer'
import { useIncidents } from './incidents'
import { useSession } from './session'
import { useStatus } from './status'
import { useSuggestions } from './suggestions'
import { useTimeline } from './timeline'
import { useToasts } from './toasts'

const FINISHED = new Set(['ok', 'error', 'interrupted', 'cancelled'])

function onMessage(message: Message): void {
  useTimeline.getState().apply(message)
  if (message.command && FINISHED.has(message.command.status)) {
    useSuggestions.getState().refreshSoon(message.incidentId)
  }
}

function notifyBrowser(title: string, body: string): void {
  // Serve mode only, and only if the analyst already allowed it: never prompt on our own.
  if (!isServeMode() || typeof Notification === 'undefined' || Notification.permission !== 'granted') return
  try {
    new Notification(title, { body })
  } catch {
    /* some browsers only allow notifications from a service worker */
  }
}

let staleTimer: ReturnType<typeof setTimeout> | undefined

/** A catch-up sends a stale room every burst: fetch it at most twice a second, and once at the end. */
function refreshStale(incidentId: string): void {
  if (useTimeline.getState().incidentId !== incidentId || staleTimer) return
  staleTimer = setTimeout(() => {
    staleTimer = undefined
    void useTimeline.getState().refresh(incidentId)
    useSuggestions.getState().refreshSoon(incidentId)
  }, 500)
}

/** Everything a reconnect may have missed. */
export async function loadAll(): Promise<void> {
  const incidentId = useTimeline.getState().incidentId
  await Promise.all([
    useSession.getState().load(),
    useIncidents.getState().load(),
    useStatus.getState().load(),
    useComposer.getState().loadCommands(),
    incidentId ? useTimeline.getState().open(incidentId) : Promise.resolve(),
    incidentId ? useSuggestions.getState().load(incidentId) : Promise.resolve()
  ])
}

/** Subscribe every store to the pushed events; returns the one function that undoes it all. */
export function wireEvents(): () => void {
  const api = getApi()
  useSession.getState().setConnection(connectionState())
  const offs = [
    api.on('incident:changed', (i) => {
      const was = useIncidents.getState().byId[i.id]?.status
      useIncidents.getState().upsert(i)
      if (was !== undefined && (was === 'closed') !== (i.status === 'closed')) useArchive.getState().refreshSoon()
    }),
    api.on('incident:hidden', ({ id }) => useIncidents.getState().forget(id)),
    api.on('timeline:stale', ({ incidentId }) => refreshStale(incidentId)),
    api.on('message:added', onMessage),
    api.on('message:changed', onMessage),
    api.on('status:changed', (s) => useStatus.getState().replace(s)),
    api.on('alert:raised', (a) => {
      // The desktop's native notification was clicked: go to the incident.
      if (a.open) {
        void openIncident(a.incidentId)
        return
      }
      const title = `${a.priority} ${a.number}: ${a.title}`
      useToasts.getState().push({ tone: 'alert', title, body: a.body, incidentId: a.incidentId })
      notifyBrowser(title, a.body)
    }),
    onConnectionState((state) => {
      const was = useSession.getState().connection
      useSession.getState().setConnection(state)
      if (state === 'open' && was === 'reconnecting') void loadAll()
    })
  ]
  return () => offs.forEach((off) => off())
}
