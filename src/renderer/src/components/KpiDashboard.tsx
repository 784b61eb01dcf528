import { useEffect, useMemo } from 'react'
import { formatDuration } from '../../../shared/duration'
import type { KpiReport } from '../../../shared/kpi'
import { useKpi } from '../stores/kpi'
import { KpiTables } from './KpiTables'
import { TrendChart, type Series } from './TrendChart'

const DAY = 86_400_000
const isoDay = (at: number): string => new Date(at).toISOString().slice(0, 10)
const parseDay = (s: string): number | null => (/^\d{4}-\d\d-\d\d$/.test(s) ? Date.parse(`${s}T00:00:00Z`) : null)
const percent = (share: number | null): string => (share === null ? '—' : `${Math.round(share * 100)}%`)
const hours = (ms: number | null): number | null => (ms === null ? null : Math.round((ms / 3_600_000) * 100) / 100)

function Headline({ k }: { k: KpiReport }) {
  const items: [string, string, string][] = [
    ['Incidents', String(k.incidents), 'kpi-incidents'],
    ['MTTA median', formatDuration(k.overall.mtta.median), 'kpi-mtta'],
    ['MTTC median', formatDuration(k.overall.mttc.median), 'kpi-mttc'],
    ['MTTR median', formatDuration(k.overall.mttr.median), 'kpi-mttr'],
    ['SLA breaches', String(k.breaches.length), 'kpi-breaches'],
    ['Alerts received', String(k.alerts.received), 'kpi-alerts'],
    ['Duplicates dropped', String(k.alerts.duplicates), 'kpi-duplicates'],
    ['Repeats folded in', String(k.alerts.repeats), 'kpi-repeats'],
    ['Alerts → incidents', String(k.alerts.openedIncidents), 'kpi-alert-incidents'],
    ['Suggestions taken (goal 60%)', percent(k.suggestions.takenShare), 'kpi-suggestions-taken']
  ]
  return (
    <div className="kpi-headline">
      {items.map(([label, value, id]) => (
        <div key={id} className="kpi-stat" data-testid={id}>
          <span className="kpi-stat-value">{value}</span>
          <span className="kpi-stat-label">{label}</span>
        </div>
      ))}
    </div>
  )
}

function Charts({ k }: { k: KpiReport }) {
  const weeks = useMemo(() => k.weeks.map((w) => w.week), [k])
  const volume = useMemo<Series[]>(
    () => [
      { label: 'Opened', values: k.weeks.map((w) => w.opened), color: '--accent' },
      { label: 'SLA breaches', values: k.weeks.map((w) => w.breaches), color: '--danger' }
    ],
    [k]
  )
  const speed = useMemo<Series[]>(
    () => [
      { label: 'MTTA median', values: k.weeks.map((w) => hours(w.mttaMedian)), color: '--ok' },
      { label: 'MTTR median', values: k.weeks.map((w) => hours(w.mttrMedian)), color: '--warn' }
    ],
    [k]
  )
  return (
    <div className="kpi-charts">
      <TrendChart title="Incidents per week" weeks={weeks} series={volume} unit="count" testId="chart-volume" />
      <TrendChart title="Speed per week" weeks={weeks} series={speed} unit="hours" testId="chart-speed" />
    </div>
  )
}

/** The SOC lead's view: how fast the team acknowledges, contains and resolves, and where SLAs slip. */
export function KpiDashboard() {
  const { from, to, report, isLoading, error, load, setRange, lastDays } = useKpi()
  useEffect(() => {
    void load()
  }, [load])
  const span = Math.round((to - from) / DAY)
  const setDay = (which: 'from' | 'to', value: string) => {
    const at = parseDay(value)
    if (at === null) return
    if (which === 'from' && at < to) void setRange(at, to)
    if (which === 'to' && at + DAY > from) void setRange(from, at + DAY)
  }
  return (
    <main className="kpi-dashboard" data-testid="kpi-dashboard">
      <header className="kpi-toolbar">
        <h1>KPIs</h1>
        <span className="segmented" role="group" aria-label="Range">
          {[7, 30, 90, 365].map((d) => (
            <button key={d} type="button" className={span === d ? 'active' : ''} onClick={() => void lastDays(d)}>
              {d === 365 ? '1 y' : `${d} d`}
            </button>
          ))}
        </span>
        <label className="kpi-date">
          From <input type="date" data-testid="kpi-from" value={isoDay(from)} onChange={(e) => setDay('from', e.target.value)} />
        </label>
        <label className="kpi-date">
          To <input type="date" data-testid="kpi-to" value={isoDay(to - DAY)} onChange={(e) => setDay('to', e.target.value)} />
        </label>
        <span className="muted">incidents opened in the range · times in UTC · targets in Settings → SLA targets</span>
        {isLoading && <span className="muted">Computing…</span>}
      </header>
      {error && (
        <p className="kpi-error" role="alert">
          {error.message}
        </p>
      )}
      {report && (
        <div className="kpi-body" data-testid="kpi-body">
          <Headline k={report} />
          <Charts k={report} />
          <KpiTables k={report} fileStem={`virgil-kpi-${isoDay(from)}-${isoDay(to - DAY)}`} />
        </div>
      )}
    </main>
  )
}
