import { create } from 'zustand'
import type { ErrorInfo } from '../../../shared/errors'
import { describeError } from '../api/error-words'

export type ToastTone = 'info' | 'error' | 'alert'

export interface Toast {
  id: number
  tone: ToastTone
  title: string
  body: string
  /** An alert toast opens its incident when clicked. */
  incidentId?: string
}

interface ToastsState {
  toasts: Toast[]
  push(toast: Omit<Toast, 'id'>): void
  error(error: ErrorInfo): void
  dismiss(id: number): void
}

const LIFETIME_MS: Record<ToastTone, number> = { info: 5_000, error: 12_000, alert: 60_000 }
const MAX_TOASTS = 5
let nextId = 1

export const useToasts = create<ToastsState>((set, get) => ({
  toasts: [],
  push(toast) {
    const id = nextId++
    set((s) => ({ toasts: [...s.toasts, { ...toast, id }].slice(-MAX_TOASTS) }))
    setTimeout(() => get().dismiss(id), LIFETIME_MS[toast.tone])
  },
  error(error) {
    const { headline, detail } = describeError(error)
    get().push({ tone: 'error', title: headline, body: detail })
  },
  dismiss(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }))
  }
}))

export const toastError = (error: ErrorInfo): void => useToasts.getState().error(error)
