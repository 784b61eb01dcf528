import { create } from 'zustand'

export type Dialog = 'none' | 'new-incident' | 'settings'
export type View = 'rooms' | 'kpis' | 'archive'

/** Which dialog is open and where keyboard shortcuts should send focus. */
interface UiState {
  dialog: Dialog
  view: View
  /** The archived incident whose review the Archive view shows; null shows the list. */
  reviewId: string | null
  searchFocusTick: number
  composerFocusTick: number
  open(dialog: Dialog): void
  show(view: View): void
  review(incidentId: string | null): void
  close(): void
  focusSearch(): void
  focusComposer(): void
}

export const useUi = create<UiState>((set) => ({
  dialog: 'none',
  view: 'rooms',
  reviewId: null,
  searchFocusTick: 0,
  composerFocusTick: 0,
  open: (dialog) => set({ dialog }),
  show: (view) => set({ view }),
  review: (reviewId) => set(reviewId ? { view: 'archive', reviewId } : { reviewId: null }),
  close: () => set({ dialog: 'none' }),
  focusSearch: () => set((s) => ({ searchFocusTick: s.searchFocusTick + 1 })),
  focusComposer: () => set((s) => ({ composerFocusTick: s.composerFocusTick + 1 }))
}))
