import { formatDuration } from '../../../shared/duration'
import type { AnalystEffort, GroupTimes, KpiReport, SlaBreach } from '../../../shared/kpi'
import { openIncident } from '../stores/actions'
import { KpiTable, type Column } from './KpiTable'

const dur = (ms: number | null): string => formatDuration(ms)
const num = <R,>(label: string, value: (r: R) => number): Column<R> => ({ label, value, isNumber: true })
const time = <R,>(label: string, value: (r: R) => number | null): Column<R> => ({ label: `${label} (ms)`, value, show: (r) => dur(value(r)), isNumber: true })

function timesColumns(first: string): Column<GroupTimes>[] {
  const columns: Column<GroupTimes>[] = [
    { label: first, value: (g) => g.key },
    num('Incidents', (g) => g.incidents),
    time('MTTA median', (g) => g.mtta.median),
    time('MTTA p90', (g) => g.mtta.p90),
    time('MTTC median', (g) => g.mttc.median),
    time('MTTC p90', (g) => g.mttc.p90),
    time('MTTR median', (g) => g.mttr.median),
    time('MTTR p90', (g) => g.mttr.p90)
  ]
  return columns
}

type Sla = KpiReport['sla'][number]
const slaColumns: Column<Sla>[] = [
  { label: 'Priority', value: (s) => s.priority },
  { label: 'First action within (min)', value: (s) => s.ackMinutes, show: (s) => dur(s.ackMinutes * 60_000), isNumber: true },
  { label: 'Resolved within (min)', value: (s) => s.resolveMinutes, show: (s) => dur(s.resolveMinutes * 60_000), isNumber: true },
  num('Incidents', (s) => s.incidents),
  num('Late first action', (s) => s.ackBreaches),
  num('Late resolution', (s) => s.resolveBreaches)
]
const statusColumns: Column<KpiReport['statusTime'][number]>[] = [
  { label: 'Status', value: (s) => s.status },
  num('Incidents', (s) => s.incidents),
  time('Mean', (s) => s.meanMs),
  time('Total', (s) => s.totalMs)
]
const alertColumns: Column<KpiReport['alerts']['bySource'][number]>[] = [{ label: 'Source', value: (a) => a.source }, num('Received', (a) => a.received)]
const commandColumns: Column<KpiReport['commands'][number]>[] = [
  { label: 'Command', value: (c) => c.command, show: (c) => <span className="mono">{c.command}</span> },
  num('Runs', (c) => c.runs),
  num('Errors', (c) => c.errors)
]
const integrationColumns: Column<KpiReport['integrations'][number]>[] = [
  { label: 'Integration', value: (i) => i.integration },
  num('Uses', (i) => i.uses),
  num('Failures', (i) => i.failures)
]

function BreachLink({ b }: { b: SlaBreach }) {
  const open = () => void openIncident(b.incidentId)
  return (
    <button type="button" className="link-button mono" data-testid="breach-link" onClick={open} title={b.title}>
      {b.number}
    </button>
  )
}

const breachColumns: Column<SlaBreach>[] = [
  { label: 'Incident', value: (b) => b.number, show: (b) => <BreachLink b={b} /> },
  { label: 'Title', value: (b) => b.title },
  { label: 'Priority', value: (b) => b.priority },
  { label: 'Target', value: (b) => (b.kind === 'ack' ? 'first action' : 'resolution') },
  time('Target', (b) => b.targetMs),
  time('Took', (b) => b.actualMs),
  { label: 'State', value: (b) => (b.isOpen ? 'still waiting' : 'late') }
]

type Uptake = KpiReport['suggestions']['byKind'][number]
const uptakeColumns: Column<Uptake>[] = [
  { label: 'Kind', value: (u) => u.kind },
  num('Shown', (u) => u.shown),
  num('Taken', (u) => u.taken),
  num('Dismissed', (u) => u.dismissed),
  num('Ignored', (u) => u.ignored),
  { label: 'Taken (%)', value: (u) => (u.takenShare === null ? null : Math.round(u.takenShare * 1000) / 10), show: (u) => (u.takenShare === null ? '—' : `${Math.round(u.takenShare * 100)}%`), isNumber: true }
]

const analystColumns: Column<AnalystEffort>[] = [
  { label: 'Analyst', value: (a) => a.name },
  num('Led', (a) => a.led),
  num('Joined', (a) => a.joined),
  num('Messages', (a) => a.messages),
  num('Commands', (a) => a.commands),
  time('Active in rooms', (a) => a.activeMs)
]

/** Every table of the dashboard, each with its CSV. */
export function KpiTables({ k, fileStem }: { k: KpiReport; fileStem: string }) {
  return (
    <div className="kpi-grid">
      <KpiTable title="By priority" id="priority" columns={timesColumns('Priority')} rows={k.byPriority} fileStem={fileStem} />
      <KpiTable
        title="SLA targets"
        id="sla"
        fileStem={fileStem}
        rows={k.sla}
        columns={slaColumns}
      />
      <KpiTable title="SLA breaches" id="breaches" columns={breachColumns} rows={k.breaches} fileStem={fileStem} empty="No breach in this range." />
      <KpiTable title="By intake source" id="source" columns={timesColumns('Source')} rows={k.bySource} fileStem={fileStem} />
      <KpiTable title="By leader" id="leader" columns={timesColumns('Leader')} rows={k.byLeader} fileStem={fileStem} />
      <KpiTable
        title="Time in each status"
        id="status"
        fileStem={fileStem}
        rows={k.statusTime}
        columns={statusColumns}
      />
      <KpiTable title="Analysts" id="analysts" columns={analystColumns} rows={k.analysts} fileStem={fileStem} />
      <KpiTable
        title="Alerts by source"
        id="alerts"
        fileStem={fileStem}
        rows={k.alerts.bySource}
        columns={alertColumns}
        empty="No alert in this range."
      />
      <KpiTable
        title="Most-used commands"
        id="commands"
        fileStem={fileStem}
        rows={k.commands}
        columns={commandColumns}
      />
      <KpiTable
        title="Integrations"
        id="integrations"
        fileStem={fileStem}
        rows={k.integrations}
        columns={integrationColumns}
      />
      <KpiTable
        title="Suggestions by kind"
        id="suggestions"
        fileStem={fileStem}
        rows={k.suggestions.byKind}
        columns={uptakeColumns}
        empty="No suggestion was taken, dismissed or ignored in this range."
      />
    </div>
  )
}
