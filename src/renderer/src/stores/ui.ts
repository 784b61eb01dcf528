import { create } from 'zustand'

export type Dialog = 'none' | 'new-incident' | 'settings'

/** Which dialog is open and where keyboard shortcuts should send focus. */
interface UiState {
  dialog: Dialog
  searchFocusTick: number
  composerFocusTick: number
  open(dialog: Dialog): void
  close(): void
  focusSearch(): void
  focusComposer(): void
}

export const useUi = create<UiState>((set) => ({
  dialog: 'none',
  searchFocusTick: 0,
  composerFocusTick: 0,
  open: (dialog) => set({ dialog }),
  close: () => set({ dialog: 'none' }),
  focusSearch: () => set((s) => ({ searchFocusTick: s.searchFocusTick + 1 })),
  focusComposer: () => set((s) => ({ composerFocusTick: s.composerFocusTick + 1 }))
}))
