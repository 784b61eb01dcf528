import { useEffect, useRef, useState } from 'react'
import type { SearchHit } from '../../../shared/domain'
import { relativeTime } from '../lib/time'
import { useNow } from '../lib/use-now'
import { openIncident } from '../stores/actions'
import { useSearch } from '../stores/search'
import { useUi } from '../stores/ui'

export function SearchBox() {
  const { query, hits, isSearching, error, notice, answered, setQuery, clear } = useSearch()
  const focusTick = useUi((s) => s.searchFocusTick)
  const input = useRef<HTMLInputElement>(null)
  const [isOpen, setOpen] = useState(false)
  const now = useNow()

  useEffect(() => {
    if (focusTick > 0) input.current?.select()
  }, [focusTick])

  const pick = (hit: SearchHit) => {
    setOpen(false)
    void openIncident(hit.incidentId, hit.messageId)
  }

  const showList = isOpen && query.trim().length >= 2
  return (
    <div className="search">
      <input
        ref={input}
        type="search"
        className="search-input"
        data-testid="search-input"
        placeholder="Search incidents and messages (Ctrl+K)"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value)
          setOpen(true)
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            clear()
            input.current?.blur()
          } else if (e.key === 'Enter' && hits[0]) pick(hits[0])
        }}
      />
      {showList && (
        <ul className="search-results" data-testid="search-results" data-answered={answered ?? ''}>
          {isSearching && hits.length === 0 && <li className="muted">Searching…</li>}
          {error && <li className="error-text">{error}</li>}
          {notice && (
            <li className="muted small" data-testid="search-notice">
              {notice}
            </li>
          )}
          {!isSearching && !error && hits.length === 0 && answered === query.trim() && <li className="muted">Nothing matches “{query.trim()}”.</li>}
          {hits.map((hit) => (
            <li key={`${hit.incidentId}-${hit.messageId ?? ''}`}>
              <button type="button" className="search-hit" data-testid="search-hit" onMouseDown={(e) => e.preventDefault()} onClick={() => pick(hit)}>
                <span className="search-hit-head">
                  <span className="mono">{hit.number}</span> {hit.title}
                  <span className="muted"> · {relativeTime(hit.at, now)}</span>
                </span>
                <span className="search-hit-snippet">
                  {hit.isArchived && <span className="archived-tag">archived</span>}
                  <Highlighted snippet={hit.snippet} />
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

/** Snippets mark matched words with \u0002…\u0003; they render as <mark>, never as HTML. */
function Highlighted({ snippet }: { snippet: string }) {
  // eslint-disable-next-line no-control-regex -- the markers are control characters on purpose
  const parts = snippet.split(/(\u0002[^\u0003]*\u0003)/)
  return (
    <>
      {parts.map((p, i) => (p.startsWith('\u0002') ? <mark key={i}>{p.slice(1, -1)}</mark> : <span key={i}>{p}</span>))}
    </>
  )
}
