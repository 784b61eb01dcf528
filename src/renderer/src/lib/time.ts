const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

export function relativeTime(at: number, now: number): string {
  const diff = Math.max(0, now - at)
  if (diff < MINUTE) return 'just now'
  if (diff < HOUR) return `${Math.floor(diff / MINUTE)}m ago`
  if (diff < DAY) return `${Math.floor(diff / HOUR)}h ago`
  if (diff < 7 * DAY) return `${Math.floor(diff / DAY)}d ago`
  return new Date(at).toLocaleDateString()
}

export function clockTime(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false })
}

/** The exact moment, in UTC as SIEMs and tickets write it: "2026-12-07 21:09:34 UTC". */
export function fullTime(at: number): string {
  return `${new Date(at).toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

export function durationWords(ms: number): string {
  if (ms < 1000) return `${ms} ms`
  if (ms < MINUTE) return `${(ms / 1000).toFixed(1)} s`
  return `${Math.floor(ms / MINUTE)}m ${Math.round((ms % MINUTE) / 1000)}s`
}
