import { useState } from 'react'

interface Props {
  value: string
  testId?: string
  onSave(value: string): void
}

/** Text that becomes an input on click; Enter or leaving saves, Esc restores. */
export function InlineEdit({ value, testId, onSave }: Props) {
  const [draft, setDraft] = useState<string | null>(null)
  if (draft === null) {
    return (
      <button type="button" className="inline-edit" data-testid={testId} title="Click to change" onClick={() => setDraft(value)}>
        {value}
      </button>
    )
  }
  const commit = () => {
    const v = draft.trim()
    setDraft(null)
    if (v && v !== value) onSave(v)
  }
  return (
    <input
      className="inline-edit-input"
      data-testid={testId ? `${testId}-input` : undefined}
      value={draft}
      autoFocus
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit()
        if (e.key === 'Escape') {
          e.stopPropagation()
          setDraft(null)
        }
      }}
    />
  )
}
