import type { Verification } from '../../../shared/domain'
import { useReview } from '../stores/review'

const utc = (at: number): string => `${new Date(at).toISOString().replace('T', ' ').slice(0, 16)} UTC`

/** Green when every event links and matches its checkpoint; red with the first bad event otherwise. */
export function stampWords(v: Verification): string {
  if (!v.ok) return v.headline
  const checkpoint = v.sealedAt ? `checkpoint ${utc(v.sealedAt)}${v.fingerprint ? ` · key ${v.fingerprint}` : ''}` : 'no checkpoint sealed yet'
  return `Chain verified · ${v.events} events · ${checkpoint}`
}

export function VerificationStamp() {
  const verification = useReview((s) => s.verification)
  const error = useReview((s) => s.verifyError)
  if (error) {
    return (
      <div className="stamp stamp-bad" data-testid="verification-stamp" data-ok="false" role="status">
        <span className="stamp-mark">✕</span> Could not check this record: {error}
      </div>
    )
  }
  if (!verification) {
    return (
      <div className="stamp stamp-pending" data-testid="verification-stamp" data-ok="pending" role="status">
        Checking the hash chain…
      </div>
    )
  }
  const extra = verification.problems.slice(1)
  return (
    <div className={`stamp ${verification.ok ? 'stamp-ok' : 'stamp-bad'}`} data-testid="verification-stamp" data-ok={String(verification.ok)} role="status">
      <span className="stamp-mark" aria-hidden>
        {verification.ok ? '✓' : '✕'}
      </span>
      <span className="stamp-text">{stampWords(verification)}</span>
      {!verification.ok && <span className="stamp-hint">Treat this record as altered: do not rely on it without the original.</span>}
      {extra.length > 0 && (
        <details className="stamp-more">
          <summary>{extra.length} more problem{extra.length === 1 ? '' : 's'}</summary>
          <ul>
            {extra.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  )
}
