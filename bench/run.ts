import { benchCommandOverhead } from './command-overhead'
import { benchLogAppend } from './log-append'

/** `npm run bench`: every figure as `name: value unit`, each compared with a baseline run in the same process. */
const only = process.argv[2]
const benches: Record<string, () => Promise<unknown> | unknown> = {
  'log-append': benchLogAppend,
  'command-overhead': benchCommandOverhead,
  suggest: async () => {
    const { benchSuggest } = await import('./suggest')
    for (const line of benchSuggest()) console.log(line)
  },
  'slack-mirror': async () => {
    const mod = (await import('./slack-mirror')) as { benchSlackMirror?: () => Promise<void> }
    await mod.benchSlackMirror?.()
  },
  kpi: async () => {
    const { benchKpi } = await import('./kpi')
    await benchKpi()
  },
  report: async () => {
    const { benchReport } = await import('./report')
    await benchReport()
  },
  'archive-list': async () => {
    const { benchArchiveList } = await import('./archive-list')
    await benchArchiveList()
  },
  intake: async () => {
    const { benchIntake } = await import('./intake')
    await benchIntake()
  },
  search: async () => {
    const { benchSearch } = await import('./search')
    await benchSearch()
  },
  archive: async () => {
    const { benchArchive } = await import('./archive')
    await benchArchive()
  },
  room: async () => {
    const { benchRoom } = await import('./room')
    await benchRoom()
  },
  access: async () => {
    const { benchAccess } = await import('./access')
    await benchAccess()
  },
  'sync-apply': async () => {
    const { benchSyncApply } = await import('./sync-apply')
    await benchSyncApply()
  },
  sync: async () => {
    const { benchSync } = await import('./sync')
    await benchSync()
  },
  alerts: async () => {
    const mod = (await import('./alerts')) as { benchAlerts?: () => Promise<void> }
    await mod.benchAlerts?.()
  }
}

for (const [name, run] of Object.entries(benches)) {
  if (only && only !== name) continue
  console.log(`# ${name}`)
  await run()
}
process.exit(0)
