import { INCIDENT_STATUSES, INTAKE_LABELS, INTAKE_SOURCES, type IntakeSource, type Priority } from '../../../shared/domain'
import { useArchive } from '../stores/archive'

const PRIORITIES: Priority[] = ['P1', 'P2', 'P3', 'P4', 'P5']
const DAY = 86_400_000
const toDay = (at: number | undefined): string => (at === undefined ? '' : new Date(at).toISOString().slice(0, 10))
const fromDay = (s: string): number | undefined => (/^\d{4}-\d\d-\d\d$/.test(s) ? Date.parse(`${s}T00:00:00Z`) : undefined)

function TextFilter({ label, value, testId, placeholder, onChange }: { label: string; value: string | undefined; testId: string; placeholder: string; onChange(v: string): void }) {
  return (
    <label className="archive-filter">
      <span>{label}</span>
      <input type="search" data-testid={testId} value={value ?? ''} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />
    </label>
  )
}

/** Every archive filter in one dense bar; each change re-queries (debounced). */
export function ArchiveFilters() {
  const f = useArchive((s) => s.filters)
  const set = useArchive((s) => s.setFilters)
  const priorities = f.priorities ?? []
  const toggle = (p: Priority) => set({ priorities: priorities.includes(p) ? priorities.filter((x) => x !== p) : [...priorities, p] })
  return (
    <div className="archive-filters" data-testid="archive-filters">
      <label className="archive-filter">
        <span>Closed from</span>
        <input type="date" data-testid="filter-closed-from" value={toDay(f.closedFrom)} onChange={(e) => set({ closedFrom: fromDay(e.target.value) })} />
      </label>
      <label className="archive-filter">
        <span>to</span>
        <input
          type="date"
          data-testid="filter-closed-to"
          value={toDay(f.closedTo === undefined ? undefined : f.closedTo - DAY)}
          onChange={(e) => {
            const day = fromDay(e.target.value)
            set({ closedTo: day === undefined ? undefined : day + DAY })
          }}
        />
      </label>
      <div className="archive-filter">
        <span>Priority</span>
        <span className="segmented" role="group" aria-label="Priority">
          {PRIORITIES.map((p) => (
            <button key={p} type="button" className={priorities.includes(p) ? 'active' : ''} aria-pressed={priorities.includes(p)} data-testid={`filter-${p}`} onClick={() => toggle(p)}>
              {p}
            </button>
          ))}
        </span>
      </div>
      <label className="archive-filter">
        <span>Intake</span>
        <select data-testid="filter-source" value={f.sources?.[0] ?? ''} onChange={(e) => set({ sources: e.target.value ? [e.target.value as IntakeSource] : [] })}>
          <option value="">any</option>
          {INTAKE_SOURCES.map((s) => (
            <option key={s} value={s}>
              {INTAKE_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <TextFilter label="Leader" value={f.leader} testId="filter-leader" placeholder="name" onChange={(leader) => set({ leader })} />
      <TextFilter label="Member" value={f.member} testId="filter-member" placeholder="name" onChange={(member) => set({ member })} />
      <label className="archive-filter">
        <span>Passed through</span>
        <select data-testid="filter-status" value={f.status ?? ''} onChange={(e) => set({ status: (e.target.value || undefined) as (typeof INCIDENT_STATUSES)[number] | undefined })}>
          <option value="">any status</option>
          {INCIDENT_STATUSES.filter((s) => s !== 'closed').map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <TextFilter label="Indicator" value={f.indicator} testId="filter-indicator" placeholder="IP, domain, hash, URL" onChange={(indicator) => set({ indicator })} />
      <TextFilter label="Command" value={f.command} testId="filter-command" placeholder="e.g. vt ip" onChange={(command) => set({ command })} />
    </div>
  )
}
