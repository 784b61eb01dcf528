import { useState } from 'react'
import type { CommandOutput } from '../../../shared/command-output'

function rawJson(raw: unknown): string {
  try {
    return JSON.stringify(raw, null, 2) ?? String(raw)
  } catch {
    return String(raw)
  }
}

/** A command's structured answer: title, summary, fields, table, text; the raw payload one click away. */
export function OutputView({ output }: { output: CommandOutput }) {
  const [showRaw, setShowRaw] = useState(false)
  const tone = output.tone ?? 'info'
  return (
    <div className={`output tone-${tone}`} data-testid="command-output" data-tone={tone}>
      <div className="output-head">
        <span className="output-title">{output.title}</span>
        {output.raw !== undefined && (
          <button type="button" className="link-button" data-testid="output-raw" aria-pressed={showRaw} onClick={() => setShowRaw((v) => !v)}>
            {showRaw ? 'Hide raw' : 'Raw'}
          </button>
        )}
      </div>
      {output.summary && <p className="output-summary">{output.summary}</p>}
      {output.fields && output.fields.length > 0 && (
        <dl className="output-fields">
          {output.fields.map((f, i) => (
            <div key={`${f.label}-${i}`} className={f.tone ? `field-tone-${f.tone}` : undefined}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {output.table && output.table.rows.length > 0 && (
        <div className="output-table-wrap">
          <table className="output-table">
            <thead>
              <tr>
                {output.table.columns.map((c, i) => (
                  <th key={i}>{c}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {output.table.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) => (
                    <td key={c}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {output.text && <pre className="output-text">{output.text}</pre>}
      {showRaw && <pre className="output-raw" data-testid="raw-json">{rawJson(output.raw)}</pre>}
    </div>
  )
}
