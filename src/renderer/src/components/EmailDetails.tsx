import { useState } from 'react'
import { formatBytes, lookupsFor, type AuthVerdict, type EmailSummary } from '../../../shared/evidence'
import { defang } from '../../../shared/ioc'
import { fullTime } from '../lib/time'
import { HashList } from './HashList'
import { LookupButton } from './IndicatorList'

const TONE: Record<AuthVerdict, string> = {
  pass: 'ok',
  fail: 'danger',
  softfail: 'warn',
  neutral: 'warn',
  none: 'warn',
  temperror: 'warn',
  permerror: 'danger',
  policy: 'warn',
  missing: 'warn'
}

function Verdict({ name, verdict }: { name: string; verdict: AuthVerdict }) {
  return (
    <span className={`verdict tone-${TONE[verdict]}`} data-testid={`auth-${name.toLowerCase()}`} data-verdict={verdict}>
      {name} {verdict === 'missing' ? 'no result' : verdict}
    </span>
  )
}

function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  if (!value) return null
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  )
}

/** An email's readable summary; raw headers and the body (as plain text only) one click away. */
export function EmailDetails({ email }: { email: EmailSummary }) {
  const [open, setOpen] = useState<'none' | 'headers' | 'body'>('none')
  const toggle = (what: 'headers' | 'body') => setOpen((v) => (v === what ? 'none' : what))
  const replyDiffers = email.replyTo && !email.from.toLowerCase().includes(email.replyTo.replace(/.*</, '').replace(/>.*/, '').toLowerCase())
  return (
    <div className="email-details" data-testid="email-details">
      <div className="verdicts">
        <Verdict name="SPF" verdict={email.auth.spf} />
        <Verdict name="DKIM" verdict={email.auth.dkim} />
        <Verdict name="DMARC" verdict={email.auth.dmarc} />
        {replyDiffers && <span className="verdict tone-warn">Reply-To differs from From</span>}
      </div>
      <dl className="email-fields">
        <Row label="Subject" value={email.subject} testId="email-subject" />
        <Row label="From" value={email.from} testId="email-from" />
        <Row label="Reply-To" value={email.replyTo} />
        <Row label="Return-Path" value={email.returnPath} />
        <Row label="To" value={email.to.join(', ')} />
        <Row label="Cc" value={email.cc.join(', ')} />
        <Row label="Date" value={email.date ? (Number.isNaN(Date.parse(email.date)) ? email.date : fullTime(Date.parse(email.date))) : ''} />
        <Row label="Message-ID" value={email.messageId} />
      </dl>
      {email.hops.length > 0 && (
        <div className="evidence-section">
          <div className="evidence-section-title">Received chain, newest first ({email.hops.length} hops)</div>
          <ol className="hops" data-testid="hops">
            {email.hops.map((h, i) => (
              <li key={i}>
                <span className="hop-time">{h.at ? h.at.slice(0, 19).replace('T', ' ') + 'Z' : '—'}</span>
                <span>{h.from ?? '?'}</span>
                {h.ip && <code className="hop-ip">{defang(h.ip)}</code>}
                {h.ip && <LookupButton line={`vtip ${h.ip}`} />}
                <span className="muted">→ {h.by ?? '?'}</span>
              </li>
            ))}
          </ol>
        </div>
      )}
      {email.urls.length > 0 && (
        <div className="evidence-section">
          <div className="evidence-section-title">Links in the body ({email.urls.length})</div>
          <ul className="ioc-list" data-testid="email-urls">
            {email.urls.slice(0, 20).map((url) => (
              <li key={url} data-testid="email-url">
                <code className="ioc-value">{defang(url)}</code>
                {lookupsFor({ type: 'url', value: url }).map((line) => (
                  <LookupButton key={line} line={line} />
                ))}
              </li>
            ))}
          </ul>
        </div>
      )}
      {email.attachments.length > 0 && (
        <div className="evidence-section">
          <div className="evidence-section-title">Attachments ({email.attachments.length}), stored, never opened</div>
          <ul className="attachment-list" data-testid="email-attachments">
            {email.attachments.map((a) => (
              <li key={`${a.name}:${a.hashes.sha256}`} data-testid="email-attachment">
                <div>
                  <strong>{a.name}</strong> <span className="muted">{a.mime} · {formatBytes(a.size)}</span>
                </div>
                <HashList hashes={a.hashes} />
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="evidence-toggles">
        <button type="button" className="link-button" data-testid="show-headers" aria-pressed={open === 'headers'} onClick={() => toggle('headers')}>
          {open === 'headers' ? 'Hide raw headers' : 'Raw headers'}
        </button>
        <button type="button" className="link-button" data-testid="show-body" aria-pressed={open === 'body'} onClick={() => toggle('body')}>
          {open === 'body' ? 'Hide body' : 'Body (as text)'}
        </button>
      </div>
      {open === 'headers' && <pre className="evidence-pre" data-testid="raw-headers">{email.rawHeaders}</pre>}
      {open === 'body' && <pre className="evidence-pre" data-testid="body-text">{email.bodyText ? defang(email.bodyText) : '(no text body)'}</pre>}
    </div>
  )
}
