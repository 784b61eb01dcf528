import type { Message } from '../../../shared/domain'
import { INTAKE_LABELS } from '../../../shared/domain'
import type { ReportData } from './report-data'
import { commandViews, milestones, priorityLine, stampLines, timelineText, when, type CommandView } from './sections'
import { REPORT_CSS } from './report-css'

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const rows = (cells: string[][]): string => cells.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')
const table = (head: string[], body: string[][]): string =>
  body.length ? `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows(body)}</tbody></table>` : '<p class="none">None.</p>'

/**
 * A self-contained HTML document: no script, no external asset (its own CSP says so), inline CSS
 * that prints well. Every value is escaped: chat and command output are untrusted text.
 */
export function renderHtml(d: ReportData): string {
  const i = d.incident
  const views = commandViews(d)
  const parts = [
    `<!doctype html><html lang="en"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${esc(`${i.number} evidence report`)}</title><style>${REPORT_CSS}</style></head><body>`,
    `<header><p class="kicker">Evidence report · generated ${esc(when(d.generatedAt))} by ${esc(d.generatedBy)}</p>`,
    ...(i.restrictedGroups ? [`<p class="restricted" data-restricted="true"><strong>RESTRICTED</strong> to ${esc(i.restrictedGroups.join(', '))}: do not share outside these groups.</p>`] : []),
    `<h1><span class="num">${esc(i.number)}</span> ${esc(i.title)}</h1></header>`,
    `<section><h2>1. Summary</h2>`,
    table(
      ['Field', 'Value'],
      [
        ['Number', esc(i.number)],
        ['Title', esc(i.title)],
        ['Status', esc(i.status)],
        ['Priority', esc(priorityLine(d))],
        ['Leader', esc(i.leader)],
        ['Members', esc(i.members.join(', ') || '—')],
        ['Intake', esc(INTAKE_LABELS[i.source])],
        ['Opened by', esc(i.openedBy.name)],
        ['Ticket', esc(i.ticket?.number ?? '—')]
      ]
    ),
    i.description ? `<pre class="desc">${esc(i.description)}</pre>` : '',
    `<h3>Milestones</h3>`,
    table(['Milestone', 'When', 'After opening'], milestones(d).map((m) => [esc(m.label), esc(when(m.at)), esc(m.after)])),
    `</section><section><h2>2. Alerts that opened it</h2>`,
    table(
      ['Received', 'Source', 'Type', 'Severity', 'Title', 'Fields'],
      d.alerts.map((a) => [esc(when(a.at)), esc(a.source), esc(a.type), String(a.severity), esc(a.title), esc(Object.entries(a.fields).map(([k, v]) => `${k}: ${v}`).join('; '))])
    ),
    `</section><section><h2>3. Indicators</h2>`,
    table(['Type', 'Indicator', 'Verdicts'], d.indicators.map((x) => [esc(x.type), `<code>${esc(x.value)}</code>`, esc(x.verdicts.join('; ') || 'not looked up')])),
    `</section><section><h2>4. Timeline</h2><pre class="tl">`,
    d.timeline.map(line).join('\n'),
    `</pre></section><section><h2>5. Commands</h2>`,
    views.length ? views.map(command).join('') : '<p class="none">None.</p>',
    `</section><section><h2>6. Evidence and notes</h2>`,
    `<h3>Evidence</h3>`,
    marked(d.evidence),
    `<h3>Notes</h3>`,
    marked(d.notes),
    `</section><section><h2>7. Tickets and pages</h2>`,
    table(['When', 'What', 'Outcome'], d.outreach.map((o) => [esc(when(o.at)), esc(o.what), esc(o.outcome)])),
    `</section><section class="stamp ${d.stamp.ok ? 'ok' : 'bad'}" id="verification"><h2>8. Verification stamp</h2>`,
    stampLines(d).map((l) => `<p>${esc(l)}</p>`).join(''),
    `</section>`,
    appendix(views),
    `</body></html>`
  ]
  return parts.join('')
}

/**
 * One plain text line per timeline entry, all in one <pre>: a 10k-line timeline was 233 of the
 * PDF's 505 pages, and a block per line with its own fonts and border is what Chromium spent the
 * most time laying out and printing; one text block prints several times faster.
 */
function line(m: Message): string {
  return `${when(m.at).slice(11, 19)} ${esc(m.author.name)}${m.kind === 'system' ? ' ·' : ':'} ${esc(timelineText(m))}${m.mark ? ` <i>[${m.mark}]</i>` : ''}`
}

function command(v: CommandView, n: number): string {
  const c = v.c
  const meta = [
    `by ${esc(c.by)}`,
    esc(when(c.startedAt)),
    `took ${esc(v.duration)}`,
    esc(c.status),
    ...(c.confirmedBy ? [`confirmed by ${esc(c.confirmedBy)}`] : [])
  ].join(' · ')
  const fold = v.appendix !== null ? `<p class="fold">… ${v.lines.length - v.shown.length > 0 ? `${v.lines.length - v.shown.length} more lines; ` : ''}full output in Appendix A.${v.appendix}</p>` : ''
  return `<article class="cmd"><h3>5.${n + 1} <code>${esc(c.line)}</code></h3><p class="meta">${meta} · arguments <code>${esc(v.args)}</code></p>${
    v.shown.length ? `<pre>${esc(v.shown.join('\n'))}</pre>` : ''
  }${fold}</article>`
}

function marked(list: Message[]): string {
  if (!list.length) return '<p class="none">None.</p>'
  return `<ul>${list.map((m) => `<li><time>${esc(when(m.at))}</time> <b>${esc(m.author.name)}</b>: ${esc(timelineText(m))}</li>`).join('')}</ul>`
}

function appendix(views: CommandView[]): string {
  const folded = views.filter((v) => v.appendix !== null)
  if (!folded.length) return ''
  return `<section class="appendix"><h2>Appendix A. Full command outputs</h2>${folded
    .map((v) => `<article><h3>A.${v.appendix} <code>${esc(v.c.line)}</code></h3><pre>${esc(v.lines.join('\n'))}</pre></article>`)
    .join('')}</section>`
}
