import type { Hashes } from '../../../shared/evidence'
import { LookupButton } from './IndicatorList'

/** MD5, SHA-1, SHA-256: selectable, and the SHA-256 one click from VirusTotal. */
export function HashList({ hashes, compact = false }: { hashes: Hashes; compact?: boolean }) {
  const rows: [string, string][] = compact ? [['sha256', hashes.sha256]] : [['md5', hashes.md5], ['sha1', hashes.sha1], ['sha256', hashes.sha256]]
  return (
    <dl className="hash-list" data-testid="hashes">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>
            <code data-testid={`hash-${label}`}>{value}</code>
            {label === 'sha256' && <LookupButton line={`vt hash ${value}`} />}
          </dd>
        </div>
      ))}
    </dl>
  )
}
