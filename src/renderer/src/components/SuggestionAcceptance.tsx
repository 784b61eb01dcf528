import type { SuggestionKind, SuggestionStats } from '../../../shared/domain'

/** Names of suggestion kinds, as the sidebar shows them. */
const KIND_WORDS: Record<SuggestionKind, string> = {
  'similar-next': 'what similar incidents ran next',
  'similar-any': 'what similar incidents ran',
  repeat: 'repeat a command run here',
  transition: 'what usually follows',
  popular: 'most used commands',
  prior: 'public playbooks'
}

const pct = (n: number, d: number): string => (d === 0 ? '–' : `${Math.round((n / d) * 100)}%`)

/** Acceptance by suggestion kind: taken (clicked or typed within a few lines), dismissed, ignored. */
export function SuggestionAcceptance({ stats }: { stats: SuggestionStats }) {
  const kinds = stats.byKind.filter((k) => k.shown > 0)
  return (
    <section className="acceptance-panel" data-testid="acceptance-panel">
      <h3>Acceptance</h3>
      {stats.total.runs > 0 && (
        <p className="acceptance muted small" data-testid="acceptance">
          {stats.total.fromSuggestion} of {stats.total.runs} commands were run from a suggestion ({pct(stats.total.fromSuggestion, stats.total.runs)})
        </p>
      )}
      {kinds.length === 0 ? (
        <p className="muted small">No suggestion outcome yet.</p>
      ) : (
        <table className="acceptance-table small">
          <thead>
            <tr>
              <th scope="col">kind</th>
              <th scope="col">shown</th>
              <th scope="col">taken</th>
              <th scope="col">dismissed</th>
            </tr>
          </thead>
          <tbody>
            {kinds.map((k) => (
              <tr key={k.kind} data-testid="acceptance-kind" data-kind={k.kind}>
                <td>{KIND_WORDS[k.kind]}</td>
                <td>{k.shown}</td>
                <td title={`${k.taken} taken, ${k.ignored} ignored, ${k.pending} still open`}>{pct(k.taken, k.shown - k.pending)}</td>
                <td>{pct(k.dismissed, k.shown - k.pending)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
