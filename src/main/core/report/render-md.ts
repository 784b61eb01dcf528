import { INTAKE_LABELS, type Message } from '../../../shared/domain'
import type { ReportData } from './report-data'
import { commandViews, milestones, priorityLine, stampLines, timelineText, when } from './sections'

/** Table cells keep to one line and cannot break out of the table. */
const cell = (s: string): string => s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|')
const table = (head: string[], body: string[][]): string[] =>
  body.length ? [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.map(cell).join(' | ')} |`), ''] : ['None.', '']
/** A fence longer than any backtick run inside, so output cannot close it. */
const fence = (text: string): string[] => {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((m) => m.length))
  const f = '`'.repeat(longest + 1)
  return [f, text, f, '']
}
const inline = (s: string): string => `\`${s.replace(/`/g, "'")}\``

export function renderMarkdown(d: ReportData): string {
  const i = d.incident
  const views = commandViews(d)
  const out: string[] = [
    ...(i.restrictedGroups ? [`**RESTRICTED** to ${i.restrictedGroups.join(', ')}: do not share outside these groups.`, ''] : []),
    `# ${i.number} ${i.title}`,
    '',
    `Evidence report, generated ${when(d.generatedAt)} by ${d.generatedBy}.`,
    '',
    '## 1. Summary',
    '',
    ...table(['Field', 'Value'], [
      ['Number', i.number],
      ['Title', i.title],
      ['Status', i.status],
      ['Priority', priorityLine(d)],
      ['Leader', i.leader],
      ['Members', i.members.join(', ') || '—'],
      ['Intake', INTAKE_LABELS[i.source]],
      ['Opened by', i.openedBy.name],
      ['Ticket', i.ticket?.number ?? '—']
    ]),
    ...(i.description ? fence(i.description) : []),
    '### Milestones',
    '',
    ...table(['Milestone', 'When', 'After opening'], milestones(d).map((m) => [m.label, when(m.at), m.after])),
    '## 2. Alerts that opened it',
    '',
    ...table(['Received', 'Source', 'Type', 'Severity', 'Title'], d.alerts.map((a) => [when(a.at), a.source, a.type, String(a.severity), a.title])),
    '## 3. Indicators',
    '',
    ...table(['Type', 'Indicator', 'Verdicts'], d.indicators.map((x) => [x.type, inline(x.value), x.verdicts.join('; ') || 'not looked up'])),
    '## 4. Timeline',
    '',
    ...d.timeline.map((m) => `- ${when(m.at).slice(11, 19)} **${cell(m.author.name)}** ${cell(timelineText(m))}${m.mark ? ` _[${m.mark}]_` : ''}`),
    '',
    '## 5. Commands',
    ''
  ]
  if (!views.length) out.push('None.', '')
  views.forEach((v, n) => {
    const c = v.c
    out.push(`### 5.${n + 1} ${inline(c.line)}`, '')
    out.push(`By ${c.by} · ${when(c.startedAt)} · took ${v.duration} · ${c.status}${c.confirmedBy ? ` · confirmed by ${c.confirmedBy}` : ''}`, '')
    out.push(`Arguments: ${inline(v.args)}`, '')
    if (v.shown.length) out.push(...fence(v.shown.join('\n')))
    if (v.appendix !== null) out.push(`Full output in Appendix A.${v.appendix}.`, '')
  })
  out.push('## 6. Evidence and notes', '', '### Evidence', '', ...marked(d.evidence), '### Notes', '', ...marked(d.notes))
  out.push('## 7. Tickets and pages', '', ...table(['When', 'What', 'Outcome'], d.outreach.map((o) => [when(o.at), o.what, o.outcome])))
  out.push('## 8. Verification stamp', '', ...stampLines(d).map((l) => `> ${l}`), '')
  const folded = views.filter((v) => v.appendix !== null)
  if (folded.length) {
    out.push('## Appendix A. Full command outputs', '')
    for (const v of folded) out.push(`### A.${v.appendix} ${inline(v.c.line)}`, '', ...fence(v.lines.join('\n')))
  }
  return out.join('\n')
}

function marked(list: Message[]): string[] {
  return list.length ? [...list.map((m) => `- ${when(m.at)} **${cell(m.author.name)}**: ${cell(timelineText(m))}`), ''] : ['None.', '']
}
