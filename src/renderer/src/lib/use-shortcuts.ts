import { useEffect } from 'react'
import { useUi } from '../stores/ui'

/** Ctrl+K search, Ctrl+N new incident, Esc closes the open dialog. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const ui = useUi.getState()
      const mod = e.ctrlKey || e.metaKey
      if (mod && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault()
        ui.focusSearch()
      } else if (mod && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'n') {
        e.preventDefault()
        ui.open('new-incident')
      } else if (e.key === 'Escape' && ui.dialog !== 'none' && !e.defaultPrevented) {
        ui.close()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
