import { cpuSeries, listCpuAlarmsInAlarm, type CpuAlarm, type CpuPoint } from './cloudwatch'
import { createAwsClients, type AwsClientOptions, type AwsClients, type AwsSettings } from './config'
import { describeInstance, listInstances, type AwsDeps, type InstanceDetails, type ListInstancesQuery } from './ec2'
import { isolateInstance, unisolateInstance, type IsolationResult, type UnisolationResult } from './ec2-isolate'

/** What the ec2 chat commands need, bound to one region's clients. */
export interface Ec2Service {
  readonly region: string
  listInstances(query?: ListInstancesQuery, signal?: AbortSignal): Promise<InstanceDetails[]>
  describeInstance(instanceId: string, signal?: AbortSignal): Promise<InstanceDetails>
  cpuSeries(instanceId: string, hours: number, signal?: AbortSignal): Promise<CpuPoint[]>
  listCpuAlarmsInAlarm(options?: { threshold?: number }, signal?: AbortSignal): Promise<CpuAlarm[]>
  isolateInstance(instanceId: string, options?: { quarantineGroupName?: string }, signal?: AbortSignal): Promise<IsolationResult>
  unisolateInstance(instanceId: string, signal?: AbortSignal): Promise<UnisolationResult>
  destroy(): void
}

export function createEc2Service(settings: AwsSettings, options: AwsClientOptions = {}): Ec2Service {
  return ec2ServiceOver(createAwsClients(settings, options), options.timeoutMs)
}

/** The ec2 commands' view of one region's clients (destroy releases those clients). */
export function ec2ServiceOver(clients: AwsClients, timeoutMs: number | undefined): Ec2Service {
  const deps: AwsDeps = { clients, timeoutMs }
  return {
    region: clients.settings.region,
    listInstances: (query, signal) => listInstances(deps, query, signal),
    describeInstance: (id, signal) => describeInstance(deps, id, signal),
    cpuSeries: (id, hours, signal) => cpuSeries(deps, id, hours, signal),
    listCpuAlarmsInAlarm: (opts, signal) => listCpuAlarmsInAlarm(deps, opts, signal),
    isolateInstance: (id, opts, signal) => isolateInstance(deps, id, opts, signal),
    unisolateInstance: (id, signal) => unisolateInstance(deps, id, signal),
    destroy: () => deps.clients.destroy()
  }
}
