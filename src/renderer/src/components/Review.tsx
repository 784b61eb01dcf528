import type { Incident } from '../../../shared/domain'
import { openIncident } from '../stores/actions'
import { ReviewHeader } from './ReviewHeader'
import { ReviewPoints } from './ReviewPoints'
import { Timeline } from './Timeline'
import { VerificationStamp } from './VerificationStamp'

/** An archived room exactly as it was: every line read-only, the timeline beside it, the stamp on top. */
export function Review({ incident }: { incident: Incident }) {
  return (
    <div className="review" data-testid="review">
      <main className="room">
        <ReviewHeader incident={incident} />
        <VerificationStamp />
        <Timeline key={incident.id} isReadOnly />
        <div className="composer-closed" data-testid="review-read-only">
          {incident.status === 'closed' ? (
            `${incident.number} is archived: this is the record as it was kept. Nothing here is fetched from the network.`
          ) : (
            <>
              {incident.number} was reopened.{' '}
              <button type="button" className="link-button" data-testid="open-room" onClick={() => void openIncident(incident.id)}>
                Open its room
              </button>
            </>
          )}
        </div>
      </main>
      <ReviewPoints />
    </div>
  )
}
