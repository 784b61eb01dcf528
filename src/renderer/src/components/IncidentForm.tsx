import { useState, type FormEvent } from 'react'
import { INTAKE_LABELS, INTAKE_SOURCES, type IntakeSource, type Level } from '../../../shared/domain'
import type { ErrorInfo } from '../../../shared/errors'
import { HIGH_PRIORITY_CONDITIONS, type HighPriorityConditionId } from '../../../shared/priority'
import { describeError } from '../api/error-words'
import { openIncident } from '../stores/actions'
import { useIncidents } from '../stores/incidents'
import { useSession } from '../stores/session'
import { useUi } from '../stores/ui'
import { Dialog } from './Dialog'
import { LevelPicker } from './LevelPicker'
import { PriorityPreview } from './PriorityPreview'

export function IncidentForm() {
  const close = useUi((s) => s.close)
  const create = useIncidents((s) => s.create)
  const analyst = useSession((s) => s.session?.user.name ?? '')
  const isLead = useSession((s) => s.session?.user.role === 'lead')
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [source, setSource] = useState<IntakeSource>('email')
  const [leader, setLeader] = useState(analyst)
  const [impact, setImpact] = useState<Level>('medium')
  const [urgency, setUrgency] = useState<Level>('medium')
  const [conditions, setConditions] = useState<HighPriorityConditionId[]>([])
  const [groups, setGroups] = useState('')
  const [error, setError] = useState<ErrorInfo | null>(null)
  const [isSaving, setSaving] = useState(false)

  const toggle = (id: HighPriorityConditionId, on: boolean) =>
    setConditions((c) => (on ? [...c, id] : c.filter((x) => x !== id)))

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setSaving(true)
    const restrictedGroups = groups.split(',').map((g) => g.trim().toLowerCase()).filter(Boolean)
    const r = await create({ title, description, source, leader, impact, urgency, conditions, ...(restrictedGroups.length ? { restrictedGroups } : {}) })
    setSaving(false)
    if (!r.ok) return setError(r.error)
    close()
    void openIncident(r.incident.id)
  }

  const words = error ? describeError(error) : null
  return (
    <Dialog title="New incident" onClose={close} wide>
      <form className="incident-form" data-testid="incident-form" noValidate onSubmit={(e) => void submit(e)}>
        <div className="form-main">
          <label className="field">
            <span>Title</span>
            <input data-testid="incident-title" value={title} onChange={(e) => setTitle(e.target.value)} autoFocus placeholder="e.g. Phishing mail to finance with invoice link" />
          </label>
          <label className="field">
            <span>Description</span>
            <textarea data-testid="incident-description" rows={4} value={description} onChange={(e) => setDescription(e.target.value)} placeholder="What was reported, by whom, what is known so far" />
          </label>
          <div className="field-row">
            <label className="field">
              <span>Reported via</span>
              <select data-testid="incident-source" value={source} onChange={(e) => setSource(e.target.value as IntakeSource)}>
                {INTAKE_SOURCES.map((s) => (
                  <option key={s} value={s}>
                    {INTAKE_LABELS[s]}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>Investigation leader</span>
              <input data-testid="incident-leader" value={leader} onChange={(e) => setLeader(e.target.value)} aria-required="true" />
            </label>
          </div>
          <div className="field-row">
            <LevelPicker label="Impact" name="impact" value={impact} onChange={setImpact} />
            <LevelPicker label="Urgency" name="urgency" value={urgency} onChange={setUrgency} />
          </div>
          <fieldset className="conditions">
            <legend>Any of these makes it high priority</legend>
            {HIGH_PRIORITY_CONDITIONS.map((c) => (
              <label key={c.id} className="checkbox">
                <input type="checkbox" data-testid={`condition-${c.id}`} checked={conditions.includes(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} />
                {c.label}
              </label>
            ))}
          </fieldset>
          {isLead && (
            <label className="field">
              <span>Restrict to groups (optional)</span>
              <input
                data-testid="incident-groups"
                value={groups}
                onChange={(e) => setGroups(e.target.value)}
                placeholder="e.g. insider, legal: only their members ever see it, from its first line"
              />
            </label>
          )}
        </div>
        <aside className="form-side">
          <PriorityPreview impact={impact} urgency={urgency} conditions={conditions} />
          {words && (
            <div className="form-error" role="alert" data-testid="form-error">
              <strong>{words.headline}</strong>
              <p>{words.detail}</p>
            </div>
          )}
          <div className="form-actions">
            <button type="button" className="button subtle" onClick={close}>
              Cancel
            </button>
            <button type="submit" className="button primary" data-testid="incident-submit" disabled={isSaving}>
              {isSaving ? 'Opening…' : 'Open incident'}
            </button>
          </div>
        </aside>
      </form>
    </Dialog>
  )
}
