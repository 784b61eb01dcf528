import { useState } from 'react'
import { describeError } from '../api/error-words'
import { useReview } from '../stores/review'
import { Dialog } from './Dialog'

/** Reopening an archived incident is an event with a reason: the dialog asks for it. */
export function ReopenDialog({ number, onClose }: { number: string; onClose(): void }) {
  const reopen = useReview((s) => s.reopen)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)
  const submit = async () => {
    setBusy(true)
    const failed = await reopen(reason)
    setBusy(false)
    if (failed) return setError(describeError(failed).detail)
    onClose()
  }
  return (
    <Dialog title={`Reopen ${number}`} onClose={onClose} testId="reopen-dialog">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <label className="field">
          <span className="field-label">Why reopen it? The reason is kept in the record.</span>
          <textarea data-testid="reopen-reason" rows={3} value={reason} autoFocus onChange={(e) => setReason(e.target.value)} />
        </label>
        {error && (
          <p className="error-text" role="alert">
            Reason {error}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="button subtle" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" data-testid="reopen-submit" disabled={isBusy || reason.trim().length < 3}>
            {isBusy ? 'Reopening…' : 'Reopen'}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
