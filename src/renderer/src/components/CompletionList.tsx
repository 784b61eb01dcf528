import type { Completion } from '../lib/completion'

interface Props {
  completions: Completion[]
  active: number
  onPick(completion: Completion): void
}

export function CompletionList({ completions, active, onPick }: Props) {
  return (
    <ul className="completions" data-testid="completions" role="listbox" aria-label="Matching commands">
      {completions.map((c, i) => (
        <li
          key={c.command.path.join(' ')}
          role="option"
          aria-selected={i === active}
          className={i === active ? 'completion active' : 'completion'}
          data-testid="completion"
          data-command={c.command.path.join(' ')}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => onPick(c)}
        >
          <code className="completion-usage">{c.command.usage}</code>
          <span className="completion-summary">{c.command.summary}</span>
          {c.command.danger === 'dangerous' && <span className="tag tag-danger">dangerous</span>}
        </li>
      ))}
    </ul>
  )
}
