import { useComposer } from './composer'
import { useIncidents } from './incidents'
import { useSuggestions } from './suggestions'
import { useTimeline } from './timeline'
import { useUi } from './ui'

/** Open a room (and optionally scroll to one of its messages): the one path every link takes. */
export async function openIncident(incidentId: string, messageId?: string): Promise<void> {
  useIncidents.getState().select(incidentId)
  if (useTimeline.getState().incidentId !== incidentId) {
    useComposer.getState().reset()
    await Promise.all([useTimeline.getState().open(incidentId), useSuggestions.getState().load(incidentId)])
  }
  if (messageId) await useTimeline.getState().reveal(messageId)
  else useUi.getState().focusComposer()
}
