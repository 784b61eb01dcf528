import { DescribeInstancesCommand, type Filter, type Instance } from '@aws-sdk/client-ec2'
import { VirgilError } from '../../../../shared/errors'
import type { AwsClients } from './config'
import { callAws } from './errors'

export interface AwsDeps {
  clients: AwsClients
  timeoutMs?: number
}

export interface InstanceNetworkInterface {
  id: string
  deviceIndex: number
  groupIds: string[]
}

export interface InstanceDetails {
  id: string
  name?: string
  state: string
  type: string
  imageId: string
  vpcId?: string
  subnetId?: string
  availabilityZone?: string
  privateIp?: string
  publicIp?: string
  publicDns?: string
  /** "Linux/UNIX", "Windows", "Red Hat Enterprise Linux"…: PlatformDetails, else Platform (set only for Windows). */
  platform?: string
  /** Why it is in this state: EC2's StateReason message, else its state transition reason. */
  stateReason?: string
  securityGroups: { id: string; name: string }[]
  networkInterfaces: InstanceNetworkInterface[]
  tags: Record<string, string>
  launchTime?: string
}

export interface ListInstancesQuery {
  state?: string
  tags?: Record<string, string>
}

const INSTANCE_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/
export const LIST_LIMIT = 1000

export function isInstanceId(value: string): boolean {
  return INSTANCE_ID.test(value)
}

export function assertInstanceId(value: string): void {
  if (!isInstanceId(value)) {
    throw new VirgilError('BAD_INPUT', `'${value}' is not an EC2 instance id: expected i- followed by 8 or 17 hex digits.`)
  }
}

export function toInstanceDetails(i: Instance): InstanceDetails {
  const tags = Object.fromEntries((i.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']))
  return {
    id: i.InstanceId ?? '',
    ...(tags.Name ? { name: tags.Name } : {}),
    state: i.State?.Name ?? 'unknown',
    type: i.InstanceType ?? 'unknown',
    imageId: i.ImageId ?? '',
    ...(i.VpcId ? { vpcId: i.VpcId } : {}),
    ...(i.SubnetId ? { subnetId: i.SubnetId } : {}),
    ...(i.Placement?.AvailabilityZone ? { availabilityZone: i.Placement.AvailabilityZone } : {}),
    ...(i.PrivateIpAddress ? { privateIp: i.PrivateIpAddress } : {}),
    ...(i.PublicIpAddress ? { publicIp: i.PublicIpAddress } : {}),
    ...(i.PublicDnsName ? { publicDns: i.PublicDnsName } : {}),
    ...optional('platform', i.PlatformDetails ?? (i.Platform ? 'Windows' : undefined)),
    ...optional('stateReason', i.StateReason?.Message ?? (i.StateTransitionReason || undefined)),
    securityGroups: (i.SecurityGroups ?? []).map((g) => ({ id: g.GroupId ?? '', name: g.GroupName ?? '' })),
    networkInterfaces: (i.NetworkInterfaces ?? [])
      .map((n) => ({
        id: n.NetworkInterfaceId ?? '',
        deviceIndex: n.Attachment?.DeviceIndex ?? 0,
        groupIds: (n.Groups ?? []).map((g) => g.GroupId ?? '')
      }))
      .sort((a, b) => a.deviceIndex - b.deviceIndex),
    tags,
    ...(i.LaunchTime ? { launchTime: i.LaunchTime.toISOString() } : {})
  }
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {}
}

function filtersFor(query: ListInstancesQuery): Filter[] {
  const filters: Filter[] = []
  if (query.state) filters.push({ Name: 'instance-state-name', Values: [query.state] })
  for (const [key, value] of Object.entries(query.tags ?? {})) filters.push({ Name: `tag:${key}`, Values: [value] })
  return filters
}

export async function listInstances(deps: AwsDeps, query: ListInstancesQuery = {}, signal?: AbortSignal) {
  const instances: InstanceDetails[] = []
  const filters = filtersFor(query)
  let nextToken: string | undefined
  do {
    const page = await callAws(
      { service: 'ec2', settings: deps.clients.settings, action: 'DescribeInstances', timeoutMs: deps.timeoutMs },
      () =>
        deps.clients.ec2.send(
          new DescribeInstancesCommand({ ...(filters.length ? { Filters: filters } : {}), MaxResults: 1000, NextToken: nextToken }),
          { abortSignal: signal }
        )
    )
    for (const r of page.Reservations ?? []) for (const i of r.Instances ?? []) instances.push(toInstanceDetails(i))
    nextToken = page.NextToken
  } while (nextToken && instances.length < LIST_LIMIT)
  return instances.slice(0, LIST_LIMIT)
}

export async function describeInstance(deps: AwsDeps, instanceId: string, signal?: AbortSignal): Promise<InstanceDetails> {
  assertInstanceId(instanceId)
  const ctx = {
    service: 'ec2' as const,
    settings: deps.clients.settings,
    action: 'DescribeInstances',
    resource: `instance ${instanceId}`,
    timeoutMs: deps.timeoutMs
  }
  const out = await callAws(ctx, () =>
    deps.clients.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }), { abortSignal: signal })
  )
  const found = out.Reservations?.flatMap((r) => r.Instances ?? []).find((i) => i.InstanceId === instanceId)
  if (!found) {
    throw new VirgilError('NOT_FOUND', `AWS EC2 has no instance ${instanceId} in ${deps.clients.settings.region}. Check the id and the region.`, {
      service: 'AWS EC2'
    })
  }
  return toInstanceDetails(found)
}
