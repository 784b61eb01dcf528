import type { Mark, Message } from '../../../shared/domain'
import { useComposer } from '../stores/composer'
import { useTimeline } from '../stores/timeline'
import { useUi } from '../stores/ui'

/** Reply, note, evidence: shown on hover; a mark clicked again is removed. */
export function MessageActions({ message, time }: { message: Message; time?: string | undefined }) {
  const mark = useTimeline((s) => s.mark)
  const toggle = (m: Mark) => void mark(message.id, message.mark === m ? null : m)
  return (
    <span className="message-actions">
      {time && <span className="message-time hover-time">{time}</span>}
      <button
        type="button"
        data-testid="reply"
        onClick={() => {
          useComposer.getState().startReply(message)
          useUi.getState().focusComposer()
        }}
      >
        Reply
      </button>
      <button type="button" data-testid="mark-note" aria-pressed={message.mark === 'note'} onClick={() => toggle('note')}>
        {message.mark === 'note' ? 'Unmark note' : 'Note'}
      </button>
      <button type="button" data-testid="mark-evidence" aria-pressed={message.mark === 'evidence'} onClick={() => toggle('evidence')}>
        {message.mark === 'evidence' ? 'Unmark evidence' : 'Evidence'}
      </button>
    </span>
  )
}
