import { useState } from 'react'
import { call } from '../api'
import { downloadFile } from '../lib/download'
import { toastError, useToasts } from '../stores/toasts'


export function ExportButton({ incidentId }: { incidentId: string }) {
  const [isBusy, setBusy] = useState(false)
  const run = async () => {
    setBusy(true)
    const r = await call('incident:export', { id: incidentId })
    setBusy(false)
    if (!r.ok) return toastError(r.error)
    downloadFile(r.value.fileName, 'application/json', { text: r.value.json })
    useToasts.getState().push(
      r.value.chainOk
        ? { tone: 'info', title: 'Evidence exported', body: `${r.value.fileName}: the hash chain checks out.` }
        : {
            tone: 'error',
            title: 'Evidence exported, but the hash chain does not verify',
            body: `${r.value.fileName}: the log of this incident may have been altered. Keep the file and tell the incident manager.`
          }
    )
  }
  return (
    <button type="button" className="button subtle" data-testid="export-evidence" disabled={isBusy} onClick={() => void run()}>
      {isBusy ? 'Exporting…' : 'Export evidence'}
    </button>
  )
}
