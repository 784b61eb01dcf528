import { describeError } from '../api/error-words'
import { formatBytes } from '../../../shared/evidence'
import { useUploads } from '../stores/uploads'

/** Files on their way into the room, and the ones that could not be added (with why). */
export function UploadTray() {
  const items = useUploads((s) => s.items)
  const dismiss = useUploads((s) => s.dismiss)
  if (items.length === 0) return null
  return (
    <ul className="upload-tray" data-testid="upload-tray">
      {items.map((u) => {
        const err = u.error ? describeError(u.error) : null
        return (
          <li key={u.key} className={err ? 'upload-failed' : undefined} data-testid="upload-item">
            <span className="upload-name">{u.name}</span>
            {err ? (
              <span className="error-text" role="alert">
                {err.detail || err.headline}
              </span>
            ) : (
              <span className="muted">
                {formatBytes(u.sent)} of {formatBytes(u.size)}
              </span>
            )}
            {err && (
              <button type="button" className="link-button" onClick={() => dismiss(u.key)}>
                Dismiss
              </button>
            )}
          </li>
        )
      })}
    </ul>
  )
}
