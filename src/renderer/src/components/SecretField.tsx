import { useState } from 'react'
import type { ErrorInfo } from '../../../shared/errors'
import type { SecretName } from '../../../shared/settings'
import { errorText } from '../api/error-words'
import { useSettings } from '../stores/settings'

interface Props {
  name: SecretName
  label: string
  isSet: boolean
}

/** A secret is write-only: the screen only ever knows whether it is set. */
export function SecretField({ name, label, isSet }: Props) {
  const setSecret = useSettings((s) => s.setSecret)
  const [value, setValue] = useState('')
  const [error, setError] = useState<ErrorInfo | null>(null)

  const save = async (v: string | null) => {
    const e = await setSecret(name, v)
    setError(e)
    if (!e) setValue('')
  }

  return (
    <div className="field secret-field" data-testid={`secret-${name}`}>
      <span>
        {label} <span className={isSet ? 'secret-state set' : 'secret-state'}>{isSet ? 'set' : 'not set'}</span>
      </span>
      <div className="secret-row">
        <input type="password" autoComplete="off" value={value} placeholder={isSet ? 'Enter a new value to replace it' : 'Paste it here'} onChange={(e) => setValue(e.target.value)} />
        <button type="button" className="button" disabled={value === ''} onClick={() => void save(value)}>
          Save
        </button>
        <button type="button" className="button subtle" disabled={!isSet} onClick={() => void save(null)}>
          Clear
        </button>
      </div>
      {error && <p className="error-text small">{errorText(error)}</p>}
    </div>
  )
}
