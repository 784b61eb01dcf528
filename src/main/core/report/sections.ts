import type { Message } from '../../../shared/domain'
import { formatDuration } from '../../../shared/duration'
import { outputLines } from './output-text'
import type { ReportCommand, ReportData } from './report-data'

/** What both renderers (HTML, Markdown) say, decided once. */
export const FOLD_LINES = 20
const FOLD_CHARS = 2_000
/** A folded output shows this much in its command's section; the whole of it is printed once, in the appendix. */
const PREVIEW_LINES = 8
const PREVIEW_CHARS = 800

export const when = (at: number | null | undefined): string =>
  at === null || at === undefined ? '—' : `${new Date(at).toISOString().replace('T', ' ').slice(0, 19)} UTC`

export function milestones(d: ReportData): { label: string; at: number | null; after: string }[] {
  const l = d.life
  const after = (at: number | null): string => (at === null ? '' : `+${formatDuration(at - l.openedAt)}`)
  return [
    { label: 'Opened', at: l.openedAt, after: '' },
    { label: 'Acknowledged', at: l.acknowledgedAt, after: after(l.acknowledgedAt) },
    { label: 'Contained', at: l.containedAt, after: after(l.containedAt) },
    { label: 'Resolved', at: l.resolvedAt, after: after(l.resolvedAt) },
    { label: 'Closed', at: l.closedAt, after: after(l.closedAt) }
  ]
}

export function priorityLine(d: ReportData): string {
  return d.priorityHistory.map((p) => `${p.priority} (${when(p.at)}, ${p.by})`).join(' → ')
}

export interface CommandView {
  c: ReportCommand
  lines: string[]
  shown: string[]
  /** Appendix number when the output was folded. */
  appendix: number | null
  args: string
  duration: string
}

/** Each command's output, folded past 20 lines or 2,000 characters: a preview here, the full text in the appendix. */
export function commandViews(d: ReportData): CommandView[] {
  let n = 0
  return d.commands.map((c) => {
    const lines = outputLines(c.output, c.error)
    const isLong = lines.length > FOLD_LINES || lines.join('\n').length > FOLD_CHARS
    const shown = isLong ? clip(lines.slice(0, PREVIEW_LINES)) : lines
    return {
      c,
      lines,
      shown,
      appendix: isLong ? ++n : null,
      args: c.args === null || c.args === undefined ? '—' : JSON.stringify(c.args),
      duration: c.durationMs === undefined ? '—' : formatDuration(c.durationMs).replace(/^0 s$/, `${c.durationMs} ms`)
    }
  })
}

function clip(lines: string[]): string[] {
  let total = 0
  const out: string[] = []
  for (const l of lines) {
    if (total + l.length > PREVIEW_CHARS) {
      out.push(`${l.slice(0, Math.max(0, PREVIEW_CHARS - total))}…`)
      break
    }
    out.push(l)
    total += l.length
  }
  return out
}

export function timelineText(m: Message): string {
  if (m.kind === 'command') return `$ ${m.command?.line ?? m.text}${m.command ? ` [${m.command.status}]` : ''}`
  return m.text
}

export const stampLines = (d: ReportData): string[] => [
  d.stamp.text,
  `Algorithm: ${d.stamp.algorithm}.`,
  ...d.stamp.heads.map((h) => `Chain head (${h.origin}): ${h.hash}`),
  ...(d.stamp.linkOnly ? [`${d.stamp.linkOnly} events from other workstations were checked by their links (their signatures need that workstation's key).`] : []),
  ...d.stamp.problems.map((p) => `Problem at event #${p.seq} ${p.eventId}: ${p.reason}`)
]
