import { useState, type FormEvent } from 'react'
import type { ErrorInfo } from '../../../shared/errors'
import type { Settings, SettingsView } from '../../../shared/settings'
import { describeError } from '../api/error-words'
import type { FieldSpec, SectionSpec } from '../lib/settings-fields'
import { useSettings } from '../stores/settings'
import { SecretField } from './SecretField'

type Draft = Record<string, string | boolean>

type Obj = Record<string, unknown>

function read(values: Obj, key: string): unknown {
  return key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Obj)[k] : undefined), values)
}

function write(values: Obj, key: string, value: unknown): Obj {
  const [head, ...rest] = key.split('.') as [string, ...string[]]
  if (rest.length === 0) return { ...values, [head]: value }
  const inner = values[head] && typeof values[head] === 'object' ? (values[head] as Obj) : {}
  return { ...values, [head]: write(inner, rest.join('.'), value) }
}

function toDraft(fields: readonly FieldSpec[], values: Obj): Draft {
  const draft: Draft = {}
  for (const f of fields) {
    const v = read(values, f.key)
    if (f.kind === 'bool') draft[f.key] = v === true
    else if (f.kind === 'json') draft[f.key] = JSON.stringify(v ?? [], null, 2)
    else draft[f.key] = Array.isArray(v) ? v.join(', ') : String(v ?? '')
  }
  return draft
}

/** Start from the saved section so fields this form does not show are sent back unchanged. */
function fromDraft(fields: readonly FieldSpec[], draft: Draft, saved: Obj): Obj {
  let out = saved
  for (const f of fields) {
    const v = draft[f.key]
    let value: unknown = String(v)
    if (f.kind === 'bool') value = v === true
    else if (f.kind === 'number') value = Number(v)
    else if (f.kind === 'list') value = String(v).split(',').map((x) => x.trim()).filter(Boolean)
    else if (f.kind === 'json') value = JSON.parse(String(v)) as unknown
    out = write(out, f.key, value)
  }
  return out
}

export function SettingsSectionForm({ spec, view }: { spec: SectionSpec; view: SettingsView }) {
  const saveSection = useSettings((s) => s.saveSection)
  const saved = view.settings[spec.id] as Obj
  const [draft, setDraft] = useState<Draft>(() => toDraft(spec.fields, saved))
  const [error, setError] = useState<ErrorInfo | null>(null)
  const [isSaved, setSaved] = useState(false)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    let value: Obj
    try {
      value = fromDraft(spec.fields, draft, saved)
    } catch (parseError) {
      setSaved(false)
      return setError({ code: 'BAD_INPUT', message: `A JSON field could not be read: ${(parseError as Error).message}` })
    }
    const err = await saveSection(spec.id, value as Settings[typeof spec.id])
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
        ) : f.kind === 'json' ? (
          <label key={f.key} className="field">
            <span>
              {f.label} {f.hint && <span className="muted small">· {f.hint}</span>}
            </span>
            <textarea className="mono" rows={6} spellCheck={false} value={String(draft[f.key] ?? '')} onChange={(e) => set(f.key, e.target.value)} />
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
