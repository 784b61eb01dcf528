import { call } from '../api'
import { useComposer } from './composer'
import { useIncidents } from './incidents'
import { useReview } from './review'
import { useSession } from './session'
import { useSuggestions } from './suggestions'
import { useTimeline } from './timeline'
import { useUi } from './ui'

/**
 * Open a room (and optionally scroll to one of its messages): the one path every link takes.
 * A closed incident is archived: it opens as its read-only review, beside its timeline and stamp.
 */
export async function openIncident(incidentId: string, messageId?: string): Promise<void> {
  await useIncidents.getState().ensure(incidentId)
  const incident = useIncidents.getState().byId[incidentId]
  const isArchived = incident?.status === 'closed' || Boolean(useSession.getState().session?.archive)
  if (isArchived) useUi.getState().review(incidentId)
  else useUi.getState().show('rooms')
  useIncidents.getState().select(incidentId)
  const loads: Promise<void>[] = []
  if (useTimeline.getState().incidentId !== incidentId) {
    useComposer.getState().reset()
    loads.push(useTimeline.getState().open(incidentId))
    if (!isArchived) loads.push(useSuggestions.getState().load(incidentId))
  }
  if (isArchived && useReview.getState().incidentId !== incidentId) loads.push(useReview.getState().load(incidentId))
  await Promise.all(loads)
  if (messageId) await useTimeline.getState().reveal(messageId)
  else if (!isArchived) useUi.getState().focusComposer()
}

/** The window shows a portable archive: open the review of the incident it holds. */
export async function openArchiveFile(): Promise<void> {
  const number = useSession.getState().session?.archive?.number
  const r = await call('incident:list', { scope: 'all' })
  if (!r.ok) return
  const incident = r.value.find((i) => i.number === number) ?? r.value[0]
  if (!incident) return
  useIncidents.getState().upsert(incident)
  await openIncident(incident.id)
}
