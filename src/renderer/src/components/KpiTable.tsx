import type { ReactNode } from 'react'
import { toCsv, type Cell } from '../../../shared/csv'
import { downloadFile } from '../lib/download'

export interface Column<R> {
  label: string
  /** What the CSV holds (raw numbers: ms stay ms, so a spreadsheet can compute). */
  value: (row: R) => Cell
  /** What the screen shows; the CSV value when absent. */
  show?: (row: R) => ReactNode
  isNumber?: boolean
}

/** A dense table with its own CSV export. */
export function KpiTable<R>({ title, id, columns, rows, fileStem, empty = 'Nothing in this range.' }: { title: string; id: string; columns: Column<R>[]; rows: R[]; fileStem: string; empty?: string }) {
  const exportCsv = () => downloadFile(`${fileStem}-${id}.csv`, 'text/csv', { text: toCsv(columns.map((c) => c.label), rows.map((r) => columns.map((c) => c.value(r)))) })
  return (
    <section className="kpi-card" data-testid={`kpi-table-${id}`}>
      <header className="kpi-card-head">
        <h2>{title}</h2>
        <button type="button" className="link-button" data-testid={`csv-${id}`} onClick={exportCsv} disabled={rows.length === 0}>
          CSV
        </button>
      </header>
      {rows.length === 0 ? (
        <p className="muted kpi-empty">{empty}</p>
      ) : (
        <div className="kpi-table-wrap">
          <table className="kpi-table">
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.label} className={c.isNumber ? 'num' : ''}>
                    {c.label.replace(' (ms)', '')}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  {columns.map((c) => (
                    <td key={c.label} className={c.isNumber ? 'num' : ''}>
                      {c.show ? c.show(r) : c.value(r)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
