/** A duration in the shortest words that keep it exact enough for a KPI: 42 s, 14 min, 3.5 h, 2.1 d. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—'
  const s = ms / 1000
  if (s < 60) return `${Math.round(s)} s`
  const min = s / 60
  if (min < 60) return `${Math.round(min)} min`
  const h = min / 60
  if (h < 48) return `${h < 10 ? h.toFixed(1) : Math.round(h)} h`
  const d = h / 24
  return `${d < 10 ? d.toFixed(1) : Math.round(d)} d`
}
