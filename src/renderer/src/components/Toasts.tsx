import { openIncident } from '../stores/actions'
import { useToasts, type Toast } from '../stores/toasts'

export function Toasts() {
  const toasts = useToasts((s) => s.toasts)
  const dismiss = useToasts((s) => s.dismiss)

  const onClick = (t: Toast) => {
    dismiss(t.id)
    if (t.incidentId) void openIncident(t.incidentId)
  }

  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.tone}`} data-testid="toast" data-tone={t.tone}>
          <button type="button" className="toast-body" onClick={() => onClick(t)} title={t.incidentId ? 'Open the incident' : 'Dismiss'}>
            <strong>{t.title}</strong>
            {t.body && <span>{t.body}</span>}
          </button>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
