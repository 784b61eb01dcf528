import { useState, type FormEvent } from 'react'
import type { ErrorInfo } from '../../../shared/errors'
import type { Settings, SettingsView } from '../../../shared/settings'
import { describeError } from '../api/error-words'
import type { FieldSpec, SectionSpec } from '../lib/settings-fields'
import { useSettings } from '../stores/settings'
import { SecretField } from './SecretField'

type Draft = Record<string, string | boolean>

function toDraft(fields: FieldSpec[], values: Record<string, unknown>): Draft {
  const draft: Draft = {}
  for (const f of fields) {
    const v = values[f.key]
    draft[f.key] = f.kind === 'bool' ? v === true : Array.isArray(v) ? v.join(', ') : String(v ?? '')
  }
  return draft
}

function fromDraft(fields: FieldSpec[], draft: Draft): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const f of fields) {
    const v = draft[f.key]
    if (f.kind === 'bool') out[f.key] = v === true
    else if (f.kind === 'number') out[f.key] = Number(v)
    else if (f.kind === 'list') out[f.key] = String(v).split(',').map((x) => x.trim()).filter(Boolean)
    else out[f.key] = String(v)
  }
  return out
}

export function SettingsSectionForm({ spec, view }: { spec: SectionSpec; view: SettingsView }) {
  const saveSection = useSettings((s) => s.saveSection)
  const [draft, setDraft] = useState<Draft>(() => toDraft(spec.fields, view.settings[spec.id] as Record<string, unknown>))
  const [error, setError] = useState<ErrorInfo | null>(null)
  const [isSaved, setSaved] = useState(false)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const value = fromDraft(spec.fields, draft) as Settings[typeof spec.id]
    const err = await saveSection(spec.id, value)
    setError(err)
    setSaved(!err)
  }
  const set = (key: string, v: string | boolean) => {
    setSaved(false)
    setDraft((d) => ({ ...d, [key]: v }))
  }
  const words = error ? describeError(error) : null

  return (
    <form className="settings-section" data-testid={`settings-${spec.id}`} onSubmit={(e) => void submit(e)} noValidate>
      <h3>{spec.title}</h3>
      {spec.fields.map((f) =>
        f.kind === 'bool' ? (
          <label key={f.key} className="checkbox">
            <input type="checkbox" checked={draft[f.key] === true} onChange={(e) => set(f.key, e.target.checked)} />
            {f.label}
          </label>
        ) : (
          <label key={f.key} className="field">
            <span>
              {f.label} {f.hint && <span className="muted small">· {f.hint}</span>}
            </span>
            <input
              name={f.key}
              type={f.kind === 'number' ? 'number' : 'text'}
              inputMode={f.kind === 'url' ? 'url' : undefined}
              value={String(draft[f.key] ?? '')}
              onChange={(e) => set(f.key, e.target.value)}
            />
          </label>
        )
      )}
      {words && (
        <div className="form-error" role="alert">
          <strong>{words.headline}</strong>
          <p>{words.detail}</p>
        </div>
      )}
      <div className="form-actions">
        {isSaved && <span className="muted small">Saved.</span>}
        <button type="submit" className="button primary" data-testid="settings-save">
          Save {spec.title}
        </button>
      </div>
      {spec.secrets.map((s) => (
        <SecretField key={s.name} name={s.name} label={s.label} isSet={view.secrets[s.name]} />
      ))}
    </form>
  )
}
