/** Marks an incident only some groups may see. */
export function LockBadge({ groups }: { groups?: string[] }) {
  if (!groups?.length) return null
  return (
    <span className="lock-badge" data-testid="lock-badge" title={`Restricted: only ${groups.join(', ')} see this incident`}>
      <svg viewBox="0 0 16 16" width="11" height="11" aria-hidden="true">
        <path fill="currentColor" d="M4 7V5a4 4 0 1 1 8 0v2h.5A1.5 1.5 0 0 1 14 8.5v5a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 2 13.5v-5A1.5 1.5 0 0 1 3.5 7H4Zm2 0h4V5a2 2 0 1 0-4 0v2Z" />
      </svg>
      {groups.join(', ')}
    </span>
  )
}
