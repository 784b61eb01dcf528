import { create } from 'zustand'
import type { ErrorInfo } from '../../../shared/errors'
import { uploadFile } from '../lib/upload'
import { useTimeline } from './timeline'

export interface UploadItem {
  key: number
  name: string
  size: number
  sent: number
  error?: ErrorInfo
}

interface UploadsState {
  items: UploadItem[]
  /** Files dropped, picked or pasted: sent one after another into the open room. */
  add(files: { blob: Blob; name: string; asNote?: boolean }[]): Promise<void>
  dismiss(key: number): void
}

let nextKey = 1
let queue: Promise<void> = Promise.resolve()

export const useUploads = create<UploadsState>((set) => ({
  items: [],
  async add(files) {
    const incidentId = useTimeline.getState().incidentId
    if (!incidentId || files.length === 0) return
    const jobs = files.map((f) => ({ ...f, key: nextKey++ }))
    set((s) => ({ items: [...s.items, ...jobs.map((j) => ({ key: j.key, name: j.name, size: j.blob.size, sent: 0 }))] }))
    const patch = (key: number, change: Partial<UploadItem>) => set((s) => ({ items: s.items.map((i) => (i.key === key ? { ...i, ...change } : i)) }))
    const run = async () => {
      for (const job of jobs) {
        const r = await uploadFile(incidentId, job.blob, job.name, (sent) => patch(job.key, { sent }), job.asNote)
        if (r.ok) {
          useTimeline.getState().apply(r.value)
          set((s) => ({ items: s.items.filter((i) => i.key !== job.key) }))
        } else {
          patch(job.key, { error: r.error })
        }
      }
    }
    queue = queue.then(run, run)
    await queue
  },
  dismiss(key) {
    set((s) => ({ items: s.items.filter((i) => i.key !== key) }))
  }
}))
