import { useEffect, useState } from 'react'
import type { ErrorInfo } from '../../../shared/errors'
import { ROLES, type Role, type RosterEntry } from '../../../shared/team'
import { errorText } from '../api/error-words'
import { useSession } from '../stores/session'
import { handleFromName, useTeam } from '../stores/team'

const splitGroups = (text: string): string[] => text.split(/[\s,]+/).map((g) => g.trim().toLowerCase()).filter(Boolean)

interface Draft {
  id?: string
  name: string
  handle: string
  role: Role
  groups: string
  slackUserId: string
}

const draftOf = (e: RosterEntry): Draft => ({ id: e.id, name: e.name, handle: e.handle, role: e.role, groups: e.groups.join(', '), slackUserId: e.slackUserId ?? '' })
const EMPTY: Draft = { name: '', handle: '', role: 'analyst', groups: '', slackUserId: '' }

/** Settings → Team: who is on the team, their role, groups and Slack user. Leads edit; others read. */
export function TeamEditor() {
  const roster = useTeam((s) => s.roster)
  const load = useTeam((s) => s.load)
  const me = useSession((s) => s.session?.user)
  const isLead = me?.role === 'lead'
  useEffect(() => {
    void load()
  }, [load])

  return (
    <div className="team-editor" data-testid="team-editor">
      <p className="muted">
        {isLead ? 'Roles: viewers read; analysts chat, run safe commands and open incidents; leads also confirm dangerous commands, give roles, restrict and reopen incidents.' : 'Only leads change the team. You are ' + (me?.role ?? 'a viewer') + '.'}
      </p>
      <table className="team-table">
        <colgroup>
          <col style={{ width: '21%' }} />
          <col style={{ width: '15%' }} />
          <col style={{ width: '92px' }} />
          <col />
          <col style={{ width: '14%' }} />
          <col style={{ width: '84px' }} />
        </colgroup>
        <thead>
          <tr>
            <th>Name</th>
            <th>Handle</th>
            <th>Role</th>
            <th>Groups</th>
            <th>Slack user</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {roster.map((e) => (
            <TeamRow key={e.id} initial={draftOf(e)} isSelf={e.id === me?.id} isLead={isLead} />
          ))}
          {/* One key for good: keyed by the roster's length, the row was rebuilt (and what was being typed
              lost) when the roster loaded after typing began. It empties itself after an add. */}
          {isLead && <TeamRow key="new" initial={EMPTY} isSelf={false} isLead />}
        </tbody>
      </table>
    </div>
  )
}

function TeamRow({ initial, isSelf, isLead }: { initial: Draft; isSelf: boolean; isLead: boolean }) {
  const save = useTeam((s) => s.save)
  const [d, setD] = useState(initial)
  const [error, setError] = useState<ErrorInfo | null>(null)
  const isNew = !initial.id
  const isDirty = JSON.stringify(d) !== JSON.stringify(initial)
  const edit = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }))
  const submit = async () => {
    const err = await save({
      ...(d.id ? { id: d.id } : {}),
      name: d.name,
      handle: d.handle,
      role: d.role,
      groups: splitGroups(d.groups),
      ...(d.slackUserId.trim() ? { slackUserId: d.slackUserId.trim() } : {})
    })
    setError(err)
    if (!err && isNew) setD(EMPTY)
  }
  return (
    <>
      <tr className={isSelf ? 'team-row self' : 'team-row'} data-testid="team-row" data-handle={initial.handle || 'new'}>
        <td>
          <input aria-label="Name" value={d.name} disabled={!isLead} placeholder={isNew ? 'Add someone…' : ''} onChange={(e) => edit({ name: e.target.value, ...(isNew ? { handle: handleFromName(e.target.value) } : {}) })} />
        </td>
        <td>
          <input aria-label="Handle" className="mono" value={d.handle} disabled={!isLead || !isNew} onChange={(e) => edit({ handle: e.target.value })} />
        </td>
        <td>
          <select aria-label="Role" data-testid="team-role" value={d.role} disabled={!isLead} onChange={(e) => edit({ role: e.target.value as Role })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </td>
        <td>
          <input aria-label="Groups" data-testid="team-groups" value={d.groups} disabled={!isLead} placeholder="insider, legal" onChange={(e) => edit({ groups: e.target.value })} />
        </td>
        <td>
          <input aria-label="Slack user id" className="mono" value={d.slackUserId} disabled={!isLead} placeholder="U024BE7LH" onChange={(e) => edit({ slackUserId: e.target.value })} />
        </td>
        <td className="team-actions">
          {isSelf && <span className="you">you</span>}
          {isLead && (
            <button type="button" className="button" data-testid="team-save" disabled={!isDirty || !d.name.trim() || !d.handle.trim()} onClick={() => void submit()}>
              {isNew ? 'Add' : 'Save'}
            </button>
          )}
        </td>
      </tr>
      {error && (
        <tr className="team-error">
          <td colSpan={6} role="alert">
            {errorText(error)}
          </td>
        </tr>
      )}
    </>
  )
}
