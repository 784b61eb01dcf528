import { useState, type FormEvent } from 'react'
import type { ErrorInfo } from '../../../shared/errors'
import { errorText } from '../api/error-words'
import { useSession } from '../stores/session'
import { handleFromName, useTeam } from '../stores/team'
import { Dialog } from './Dialog'

/** First run: who sits here. Every line, command and change will carry this name. */
export function IdentityDialog() {
  const suggested = useSession((s) => s.session?.identity?.suggestedName ?? '')
  const identify = useTeam((s) => s.identify)
  const [name, setName] = useState(suggested)
  const [handle, setHandle] = useState(handleFromName(suggested))
  const [isHandleEdited, setHandleEdited] = useState(false)
  const [error, setError] = useState<ErrorInfo | null>(null)
  const [isSaving, setSaving] = useState(false)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setSaving(true)
    setError(await identify(name, handle))
    setSaving(false)
  }
  return (
    <Dialog title="Who is at this workstation?" onClose={() => undefined} testId="identity-dialog" isRequired>
      <form className="identity-form" noValidate onSubmit={(e) => void submit(e)}>
        <p className="muted">Your name goes on every line, command and change you make. Your team sees it; a lead gives roles.</p>
        <label className="field">
          <span>Name</span>
          <input
            data-testid="identity-name"
            value={name}
            autoFocus
            placeholder="e.g. Ana Ortiz"
            onChange={(e) => {
              setName(e.target.value)
              if (!isHandleEdited) setHandle(handleFromName(e.target.value))
            }}
          />
        </label>
        <label className="field">
          <span>Handle</span>
          <input
            data-testid="identity-handle"
            className="mono"
            value={handle}
            placeholder="ana.ortiz"
            onChange={(e) => {
              setHandleEdited(true)
              setHandle(e.target.value)
            }}
          />
        </label>
        {error && (
          <div className="form-error" role="alert">
            {errorText(error)}
          </div>
        )}
        <div className="form-actions">
          <button type="submit" className="button primary" data-testid="identity-save" disabled={isSaving || !name.trim() || !handle.trim()}>
            Start
          </button>
        </div>
      </form>
    </Dialog>
  )
}
