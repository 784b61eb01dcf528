import { useState } from 'react'

interface Props {
  members: string[]
  onChange(members: string[]): void
}

export function MembersEditor({ members, onChange }: Props) {
  const [name, setName] = useState('')
  const add = () => {
    const n = name.trim()
    if (n && !members.includes(n)) onChange([...members, n])
    setName('')
  }
  return (
    <div className="members" data-testid="members">
      {members.map((m) => (
        <span key={m} className="chip">
          {m}
          <button type="button" className="chip-remove" aria-label={`Remove ${m}`} onClick={() => onChange(members.filter((x) => x !== m))}>
            ×
          </button>
        </span>
      ))}
      <input
        className="member-input"
        data-testid="member-input"
        placeholder="+ member"
        value={name}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            add()
          }
        }}
        onBlur={add}
      />
    </div>
  )
}
