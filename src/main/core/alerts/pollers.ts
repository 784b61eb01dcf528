import type { Settings } from '../../../shared/settings'
import { isVirgilError } from '../../../shared/errors'
import { listCpuAlarmsInAlarm } from '../integrations/aws/cloudwatch'
import { listFindings } from '../integrations/aws/guardduty'
import type { NotifyClients } from '../notify'
import type { StatusService } from '../status/status-service'
import type { AlertStore } from './alert-store'
import { alarmAlert, findingAlert } from './aws-alerts'
import type { AlertIntake } from './intake'

/** Findings updated this close to the last poll are fetched again (clock skew, late indexing); dedup absorbs them. */
const OVERLAP_MS = 10 * 60_000
const FIRST_LOOK_BACK_MS = 60 * 60_000

export interface PollerDeps {
  clients: NotifyClients
  settings: () => Settings
  store: AlertStore
  intake: AlertIntake
  status: StatusService
  now?: () => number
}

/** Polls GuardDuty and CloudWatch CPU alarms every pollSeconds while alerts and AWS polling are on. */
export class AwsPollers {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined
  private stopped = false

  constructor(private readonly deps: PollerDeps) {}

  private get on(): boolean {
    const a = this.deps.settings().alerts
    return a.enabled && a.pollAws
  }

  /** (Re)arms the timer from the current settings. */
  schedule(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    if (this.stopped || !this.on) return
    this.timer = setTimeout(() => {
      void this.pollNow().finally(() => this.schedule())
    }, this.deps.settings().alerts.thresholds.pollSeconds * 1000)
    this.timer.unref?.()
  }

  /** One poll of both sources; a poll already running is joined, not doubled. */
  pollNow(): Promise<void> {
    if (!this.on) return Promise.resolve()
    this.running ??= this.poll().finally(() => (this.running = undefined))
    return this.running
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    await this.running
  }

  private async poll(): Promise<void> {
    const problems: string[] = []
    for (const [name, run] of [['GuardDuty', () => this.pollGuardDuty()], ['CloudWatch', () => this.pollCloudWatch()]] as const) {
      try {
        await run()
      } catch (error) {
        problems.push(`${name} polling failed: ${isVirgilError(error) ? error.message : String(error)}`)
      }
    }
    if (problems.length) this.deps.status.report('AWS', 'degraded', problems.join(' '), 'pollers')
    else this.deps.status.report('AWS', 'ok', 'polling GuardDuty and CloudWatch', 'pollers')
  }

  private async pollGuardDuty(): Promise<void> {
    const now = (this.deps.now ?? Date.now)()
    const { thresholds } = this.deps.settings().alerts
    const since = this.deps.store.mark('guardduty') ?? now - FIRST_LOOK_BACK_MS
    const findings = await listFindings(this.deps.clients.aws(), { sinceMs: since, minSeverity: thresholds.guarddutyPollMinSeverity })
    // Oldest first, so incidents open in the order things happened.
    for (const f of [...findings].reverse()) this.deps.intake.ingest(findingAlert(f))
    this.deps.store.setMark('guardduty', Math.max(since, now - OVERLAP_MS))
  }

  private async pollCloudWatch(): Promise<void> {
    const settings = this.deps.settings()
    const alarms = await listCpuAlarmsInAlarm(this.deps.clients.aws())
    const since = this.deps.store.mark('cloudwatch') ?? 0
    let newest = since
    for (const alarm of alarms) {
      const at = alarm.since ? Date.parse(alarm.since) : NaN
      // Alarms still firing from before the last poll were handled then (dedup would catch them too).
      if (Number.isFinite(at) && at < since - OVERLAP_MS) continue
      this.deps.intake.ingest(alarmAlert(alarm, settings.alerts.thresholds.cpuPercent, settings.aws.region))
      if (Number.isFinite(at)) newest = Math.max(newest, at)
    }
    this.deps.store.setMark('cloudwatch', newest)
  }
}
