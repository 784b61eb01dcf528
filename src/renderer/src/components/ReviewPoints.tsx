import type { Message } from '../../../shared/domain'
import { clockTime, fullTime } from '../lib/time'
import { useReview } from '../stores/review'
import { useTimeline } from '../stores/timeline'

function label(m: Message): { kind: string; text: string } {
  if (m.command) return { kind: m.command.status === 'ok' ? 'command' : `command ${m.command.status}`, text: m.command.line }
  if (m.evidence) return { kind: 'evidence', text: m.text || 'a file' }
  if (m.mark) return { kind: m.mark, text: m.text }
  const about = /\b(status|priority|ticket|page[ds]?|slack|leader|member|reopen|opened)\b/i.exec(m.text)?.[1]?.toLowerCase()
  return { kind: about ? about.replace(/^page[ds]?$/, 'page').replace(/^reopen$/, 'reopened') : 'event', text: m.text }
}

/** Beside the review: the room's turning points; a click scrolls the room to the line. */
export function ReviewPoints() {
  const points = useReview((s) => s.points)
  const reveal = useTimeline((s) => s.reveal)
  return (
    <aside className="review-points" data-testid="review-timeline" aria-label="Timeline">
      <h3>Timeline</h3>
      {points.length === 0 && <p className="muted small">No status change, command, ticket or mark in this room.</p>}
      <ol>
        {points.map((m) => {
          const { kind, text } = label(m)
          return (
            <li key={m.id}>
              <button type="button" className={`point point-${m.kind}`} data-testid="review-point" onClick={() => void reveal(m.id)} title={fullTime(m.at)}>
                <span className="point-time">{clockTime(m.at)}</span>
                <span className="point-kind">{kind}</span>
                <span className="point-text">{text}</span>
              </button>
            </li>
          )
        })}
      </ol>
    </aside>
  )
}
