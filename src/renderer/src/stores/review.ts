import { create } from 'zustand'
import type { Message, Verification } from '../../../shared/domain'
import type { ErrorInfo } from '../../../shared/errors'
import { call } from '../api'
import { describeError } from '../api/error-words'
import { downloadFile } from '../lib/download'
import { useIncidents } from './incidents'
import { toastError, useToasts } from './toasts'

interface ReviewState {
  incidentId: string | null
  verification: Verification | null
  verifyError: string | null
  /** The room's turning points: status and priority changes, commands, tickets, pages, marks. */
  points: Message[]
  isExporting: boolean
  load(incidentId: string): Promise<void>
  reopen(reason: string): Promise<ErrorInfo | null>
  exportPortable(): Promise<void>
}

export const useReview = create<ReviewState>((set, get) => ({
  incidentId: null,
  verification: null,
  verifyError: null,
  points: [],
  isExporting: false,
  async load(incidentId) {
    set({ incidentId, verification: null, verifyError: null, points: [] })
    const [v, t] = await Promise.all([call('archive:verify', { id: incidentId }), call('archive:timeline', { id: incidentId })])
    if (get().incidentId !== incidentId) return
    set({
      verification: v.ok ? v.value : null,
      verifyError: v.ok ? null : describeError(v.error).detail,
      points: t.ok ? t.value : []
    })
    if (!t.ok) toastError(t.error)
  },
  async reopen(reason) {
    const id = get().incidentId
    if (!id) return null
    const r = await call('incident:reopen', { id, reason })
    if (!r.ok) return r.error
    useIncidents.getState().upsert(r.value)
    return null
  },
  async exportPortable() {
    const id = get().incidentId
    if (!id) return
    set({ isExporting: true })
    const r = await call('archive:export', { id })
    set({ isExporting: false })
    if (!r.ok) return toastError(r.error)
    downloadFile(r.value.fileName, 'application/vnd.sqlite3', { base64: r.value.base64 })
    const v = r.value.verification
    useToasts.getState().push(
      v.ok
        ? { tone: 'info', title: 'Portable archive exported', body: `${r.value.fileName}: ${r.value.events} events, sealed. Anyone can open it in Virgil and check it.` }
        : { tone: 'error', title: 'Exported, but it does not verify', body: `${r.value.fileName}: ${v.headline}` }
    )
  }
}))
