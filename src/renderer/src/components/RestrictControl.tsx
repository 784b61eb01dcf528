import { useState } from 'react'
import type { Incident } from '../../../shared/domain'
import type { ErrorInfo } from '../../../shared/errors'
import { errorText } from '../api/error-words'
import { useTeam } from '../stores/team'

/** Leads only: who may see this incident (groups), or everyone. */
export function RestrictControl({ incident }: { incident: Incident }) {
  const restrict = useTeam((s) => s.restrict)
  const [isOpen, setOpen] = useState(false)
  const [groups, setGroups] = useState((incident.restrictedGroups ?? []).join(', '))
  const [error, setError] = useState<ErrorInfo | null>(null)
  const apply = async (list: string[]) => {
    const err = await restrict(incident.id, list)
    setError(err)
    if (!err) setOpen(false)
  }
  if (!isOpen) {
    return (
      <button type="button" className="link-button" data-testid="restrict-button" onClick={() => setOpen(true)}>
        {incident.restrictedGroups ? 'change restriction' : 'restrict…'}
      </button>
    )
  }
  return (
    <span className="restrict-control" data-testid="restrict-control">
      <input
        aria-label="Groups that may see this incident"
        data-testid="restrict-groups"
        value={groups}
        autoFocus
        placeholder="insider, legal"
        onChange={(e) => setGroups(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
      />
      <button type="button" className="button primary" data-testid="restrict-apply" disabled={!groups.trim()} onClick={() => void apply(groups.split(/[\s,]+/).filter(Boolean).map((g) => g.toLowerCase()))}>
        Restrict
      </button>
      {incident.restrictedGroups && (
        <button type="button" className="button" onClick={() => void apply([])}>
          Open to team
        </button>
      )}
      {error && (
        <span className="error-text" role="alert">
          {errorText(error)}
        </span>
      )}
    </span>
  )
}
