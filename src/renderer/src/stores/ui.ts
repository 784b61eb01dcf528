import { create } from 'zustand'

export type Dialog = 'none' | 'new-incident' | 'settings'
export type View = 'rooms' | 'kpis'

/** Which dialog is open and where keyboard shortcuts should send focus. */
interface UiState {
  dialog: Dialog
  view: View
  searchFocusTick: number
  composerFocusTick: number
  open(dialog: Dialog): void
  show(view: View): void
  close(): void
  focusSearch(): void
  focusComposer(): void
}

export const useUi = create<UiState>((set) => ({
  dialog: 'none',
  view: 'rooms',
  searchFocusTick: 0,
  composerFocusTick: 0,
  open: (dialog) => set({ dialog }),
  show: (view) => set({ view }),
  close: () => set({ dialog: 'none' }),
  focusSearch: () => set((s) => ({ searchFocusTick: s.searchFocusTick + 1 })),
  focusComposer: () => set((s) => ({ composerFocusTick: s.composerFocusTick + 1 }))
}))
