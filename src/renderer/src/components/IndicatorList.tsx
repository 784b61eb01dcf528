import { useState } from 'react'
import { lookupsFor } from '../../../shared/evidence'
import { defang, type Ioc } from '../../../shared/ioc'
import { useComposer } from '../stores/composer'
import { useTimeline } from '../stores/timeline'
import { useUi } from '../stores/ui'

const SHOWN = 8

/** Runs a lookup in the room; Shift+click puts it in the composer to edit first. */
export function LookupButton({ line }: { line: string }) {
  const send = useTimeline((s) => s.send)
  const word = line.split(' ', line.startsWith('vt ') ? 2 : 1).join(' ')
  return (
    <button
      type="button"
      className="lookup"
      data-testid="lookup"
      data-line={line}
      title={`Run !${line} (Shift+click to edit it first)`}
      onClick={(e) => {
        if (e.shiftKey) {
          useComposer.getState().setDraft(`!${line}`)
          useUi.getState().focusComposer()
        } else void send(`!${line}`)
      }}
    >
      {word}
    </button>
  )
}

/** Indicators found in an upload, defanged for display, each with its one-click lookups. */
export function IndicatorList({ iocs }: { iocs: Ioc[] }) {
  const [isAll, setAll] = useState(false)
  if (iocs.length === 0) return null
  const shown = isAll ? iocs : iocs.slice(0, SHOWN)
  return (
    <div className="evidence-section" data-testid="evidence-iocs">
      <div className="evidence-section-title">Indicators ({iocs.length})</div>
      <ul className="ioc-list">
        {shown.map((ioc) => (
          <li key={`${ioc.type}:${ioc.value}`} data-testid="ioc" data-type={ioc.type}>
            <span className="ioc-type">{ioc.type}</span>
            <code className="ioc-value">{ioc.type === 'url' || ioc.type === 'domain' || ioc.type === 'email' || ioc.type === 'ipv4' ? defang(ioc.value) : ioc.value}</code>
            {lookupsFor(ioc).map((line) => (
              <LookupButton key={line} line={line} />
            ))}
          </li>
        ))}
      </ul>
      {iocs.length > SHOWN && (
        <button type="button" className="link-button" onClick={() => setAll((v) => !v)}>
          {isAll ? 'Show fewer' : `Show all ${iocs.length}`}
        </button>
      )}
    </div>
  )
}
