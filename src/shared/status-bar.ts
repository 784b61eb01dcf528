import type { ServiceStatus } from './domain'

export interface StatusBarItem {
  name: string
  state: ServiceStatus['state']
  /** Shown text: empty for a quiet dot, else "Slack down · 3". */
  label: string
  /** The full words, on hover and for screen readers. */
  title: string
  isTrouble: boolean
}

const ORDER: Record<ServiceStatus['state'], number> = { down: 0, degraded: 1, ok: 2, off: 3 }

/**
 * The top bar, compact: every service in trouble as a labelled pill, worst first, then the healthy
 * and switched-off ones as quiet dots; the order is stable by name within a state.
 */
export function statusBarItems(services: readonly ServiceStatus[]): StatusBarItem[] {
  return [...services]
    .sort((a, b) => ORDER[a.state] - ORDER[b.state] || a.name.localeCompare(b.name))
    .map((s) => {
      const isTrouble = s.state === 'down' || s.state === 'degraded'
      const pending = s.pending > 0 ? ` · ${s.pending}` : ''
      const waiting = s.pending > 0 ? `\n${s.pending} waiting to be delivered` : ''
      return {
        name: s.name,
        state: s.state,
        label: isTrouble ? `${s.name} ${s.state}${pending}` : '',
        title: `${s.name}: ${s.state}${s.detail ? ` — ${s.detail}` : ''}${waiting}`,
        isTrouble
      }
    })
}
