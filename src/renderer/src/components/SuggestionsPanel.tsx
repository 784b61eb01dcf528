import type { SuggestedCommand } from '../../../shared/domain'
import { openIncident } from '../stores/actions'
import { useComposer } from '../stores/composer'
import { useSuggestions } from '../stores/suggestions'
import { useUi } from '../stores/ui'

function take(s: SuggestedCommand, rank: number): void {
  useComposer.getState().takeSuggestion(s.line, rank)
  useUi.getState().focusComposer()
}

export function SuggestionsPanel() {
  const data = useSuggestions((s) => s.data)
  const isLoading = useSuggestions((s) => s.isLoading)
  const error = useSuggestions((s) => s.error)

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
                <code>{s.line}</code>
                <span className="suggestion-reason">{s.reason}</span>
              </button>
            </li>
          ))}
        </ol>
      </section>
      {data && data.flow.steps.length > 0 && (
        <section>
          <h3>Flow</h3>
          {data.flow.basedOn.length > 0 && <p className="muted small">As in {data.flow.basedOn.join(', ')}</p>}
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
    </aside>
  )
}
