import { useState } from 'react'
import { call } from '../api'
import { downloadFile } from '../lib/download'
import { toastError, useToasts } from '../stores/toasts'

type Format = 'html' | 'pdf' | 'md'
const LABELS: Record<Format, string> = { html: 'HTML', pdf: 'PDF', md: 'Markdown' }

/** The evidence report in one click, in the format the reader needs. */
export function ReportButtons({ incidentId }: { incidentId: string }) {
  const [busy, setBusy] = useState<Format | null>(null)
  const run = async (format: Format) => {
    setBusy(format)
    const r = await call('report:render', { id: incidentId, format })
    setBusy(null)
    if (!r.ok) return toastError(r.error)
    downloadFile(r.value.fileName, r.value.mime, r.value)
    useToasts.getState().push({ tone: 'info', title: 'Report ready', body: `${r.value.fileName} is in your downloads.` })
  }
  return (
    <span className="segmented report-buttons" role="group" aria-label="Evidence report">
      <span className="segmented-label">Report</span>
      {(Object.keys(LABELS) as Format[]).map((f) => (
        <button key={f} type="button" data-testid={`report-${f}`} disabled={busy !== null} onClick={() => void run(f)} title={`Evidence report as ${LABELS[f]}`}>
          {busy === f ? '…' : LABELS[f]}
        </button>
      ))}
    </span>
  )
}
