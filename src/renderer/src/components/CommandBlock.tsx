import type { CommandRunView, RunStatus } from '../../../shared/domain'
import { describeError } from '../api/error-words'
import { durationWords } from '../lib/time'
import { useSession } from '../stores/session'
import { useTimeline } from '../stores/timeline'
import { OutputView } from './OutputView'

const STATUS_WORDS: Record<RunStatus, string> = {
  running: 'running',
  ok: 'done',
  error: 'failed',
  interrupted: 'interrupted',
  'awaiting-confirmation': 'needs confirmation',
  cancelled: 'cancelled'
}

export function CommandBlock({ run }: { run: CommandRunView }) {
  const confirm = useTimeline((s) => s.confirm)
  const isLead = useSession((s) => s.session?.user.role === 'lead')
  const error = run.error ? describeError(run.error) : null
  return (
    <div className={`command run-${run.status}${run.danger === 'dangerous' ? ' dangerous' : ''}`}>
      <div className="command-line">
        <span className="prompt">$</span>
        <code>{run.line}</code>
        <span className={`run-status run-status-${run.status}`}>
          {run.status === 'running' && <span className="spinner" aria-hidden="true" />}
          {STATUS_WORDS[run.status]}
          {run.durationMs !== undefined && run.status !== 'running' && ` · ${durationWords(run.durationMs)}`}
        </span>
        {run.danger === 'dangerous' && <span className="tag tag-danger">dangerous</span>}
      </div>
      {run.status === 'awaiting-confirmation' && (
        <div className="confirm-bar">
          <span>{isLead ? 'This command changes systems. Run it?' : 'This command changes systems: a lead must confirm it.'}</span>
          {isLead && (
            <button type="button" className="button danger" data-testid="confirm-run" onClick={() => void confirm(run.runId, true)}>
              Confirm
            </button>
          )}
          <button type="button" className="button subtle" data-testid="cancel-run" onClick={() => void confirm(run.runId, false)}>
            Cancel
          </button>
        </div>
      )}
      {run.confirmedBy && <div className="muted small">Confirmed by {run.confirmedBy}</div>}
      {error && (
        <div className="command-error" role="alert" title={error.headline}>
          {/* The server's message already names the service and the fix; the generic headline is the fallback. */}
          {error.detail || <strong>{error.headline}</strong>}
        </div>
      )}
      {run.output && <OutputView output={run.output} />}
    </div>
  )
}
