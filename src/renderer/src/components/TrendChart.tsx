import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'

export interface Series {
  label: string
  values: (number | null)[]
  /** A CSS variable of the theme, e.g. --accent. */
  color: string
}

const cssVar = (name: string): string => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || 'CanvasText'

/** A weekly trend on a canvas (uPlot: no eval, no inline script, so it runs under our strict CSP). */
export function TrendChart({ title, weeks, series, unit, testId }: { title: string; weeks: number[]; series: Series[]; unit: string; testId: string }) {
  const host = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const el = host.current
    if (!el) return
    const muted = cssVar('--muted')
    const grid = cssVar('--border')
    const axis = { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, font: '11px system-ui' }
    const plot = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height: 170,
        legend: { show: true },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
        axes: [
          { ...axis, values: (_u, ticks) => ticks.map((t) => new Date(t * 1000).toISOString().slice(5, 10)) },
          { ...axis, size: 44, label: unit, labelSize: 14, labelFont: '11px system-ui' }
        ],
        series: [{}, ...series.map((s) => ({ label: s.label, stroke: cssVar(s.color), width: 1.5, points: { size: 4 }, spanGaps: true }))]
      },
      [weeks.map((w) => w / 1000), ...series.map((s) => s.values)] as uPlot.AlignedData,
      el
    )
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(280, el.clientWidth), height: 170 }))
    resize.observe(el)
    return () => {
      resize.disconnect()
      plot.destroy()
    }
  }, [weeks, series, unit])
  return (
    <section className="kpi-card kpi-chart" data-testid={testId}>
      <header className="kpi-card-head">
        <h2>{title}</h2>
      </header>
      <div ref={host} className="kpi-chart-host" />
    </section>
  )
}
