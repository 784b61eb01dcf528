import { withCommandPrefix } from '../../../shared/command-grammar'
import type { Incident, SuggestedCommand, Suggestions } from '../../../shared/domain'
import { openIncident } from '../stores/actions'
import { useIncidents } from '../stores/incidents'
import { useComposer } from '../stores/composer'
import { useSuggestions } from '../stores/suggestions'
import { useUi } from '../stores/ui'

function take(s: SuggestedCommand, rank: number): void {
  useComposer.getState().takeSuggestion(s.line, rank)
  useUi.getState().focusComposer()
}

/** The flow names incidents by id: show their numbers (INC0000003), never a raw ULID. */
function basedOnWords(data: Suggestions, byId: Record<string, Incident>): string {
  const numbers = data.flow.basedOn.flatMap((id) => {
    const number = data.similar.find((s) => s.id === id)?.number ?? byId[id]?.number
    return number ? [number] : []
  })
  const unnamed = data.flow.basedOn.length - numbers.length
  if (numbers.length === 0) return `${unnamed} similar incident${unnamed === 1 ? '' : 's'}`
  return unnamed > 0 ? `${numbers.join(', ')} and ${unnamed} more` : numbers.join(', ')
}

export function SuggestionsPanel() {
  const byId = useIncidents((s) => s.byId)
  const data = useSuggestions((s) => s.data)
  const isLoading = useSuggestions((s) => s.isLoading)
  const error = useSuggestions((s) => s.error)
  const acceptance = useSuggestions((s) => s.acceptance)

  return (
    <aside className="suggestions" data-testid="suggestions" aria-label="Suggestions">
      <section>
        <h3>Next</h3>
        {error && <p className="error-text small">Suggestions are unavailable: {error}</p>}
        {!data && isLoading && <p className="muted small">Thinking…</p>}
        {data && data.next.length === 0 && <p className="muted small">No suggestion yet. They appear once the room has some text or commands.</p>}
        <ol className="next-list">
          {data?.next.map((s, i) => (
            <li key={`${s.command}-${i}`}>
              <button type="button" className="suggestion" data-testid="suggestion" data-command={s.command} title="Put it in the chat input" onClick={() => take(s, i + 1)}>
                <code>{withCommandPrefix(s.line)}</code>
                <span className="suggestion-reason">{s.reason}</span>
              </button>
            </li>
          ))}
        </ol>
      </section>
      {data && data.flow.steps.length > 0 && (
        <section>
          <h3>Flow</h3>
          {data.flow.basedOn.length > 0 && <p className="muted small">As in {basedOnWords(data, byId)}</p>}
          <ol className="flow-list">
            {data.flow.steps.map((step, i) => (
              <li key={`${step.command}-${i}`} className={step.done ? 'done' : ''}>
                <span className="tick" aria-label={step.done ? 'done' : 'not yet'}>
                  {step.done ? '✓' : '○'}
                </span>
                <code>{step.command}</code>
              </li>
            ))}
          </ol>
        </section>
      )}
      {data && data.similar.length > 0 && (
        <section>
          <h3>Similar incidents</h3>
          <ul className="similar-list">
            {data.similar.map((s) => (
              <li key={s.id}>
                <button type="button" className="similar" data-testid="similar-incident" onClick={() => void openIncident(s.id)}>
                  <span className="mono">{s.number}</span> {s.title}
                  <span className="muted small"> · {s.status}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {data && data.experts.length > 0 && (
        <section>
          <h3>Who has handled these</h3>
          <ul className="experts-list">
            {data.experts.map((e) => (
              <li key={e.name}>
                {e.name} <span className="muted small">· {e.count} similar</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {acceptance && acceptance.runs > 0 && (
        <p className="acceptance muted small" data-testid="acceptance">
          {acceptance.fromSuggestion} of {acceptance.runs} commands were run from a suggestion ({Math.round((acceptance.fromSuggestion / acceptance.runs) * 100)}%)
        </p>
      )}
    </aside>
  )
}
