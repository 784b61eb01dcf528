import {
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeSecurityGroupsCommand,
  ModifyNetworkInterfaceAttributeCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  type SecurityGroup
} from '@aws-sdk/client-ec2'
import { VirgilError } from '../../../../shared/errors'
import { callAws, type AwsCallContext } from './errors'
import { describeInstance, type AwsDeps, type InstanceDetails } from './ec2'

/** Kept on the instance itself so any workstation (or a human in the console) can undo an isolation. */
export const PREVIOUS_GROUPS_TAG = 'virgil:previous-groups'
export const DEFAULT_QUARANTINE_GROUP = 'virgil-quarantine'
const TAG_VALUE_LIMIT = 256

/** ENI id → the security group ids it had before isolation. */
export type GroupRecord = Record<string, string[]>

export interface IsolationResult {
  instanceId: string
  status: 'isolated' | 'already isolated'
  quarantineGroupId: string
  previousGroups: GroupRecord
}

export interface UnisolationResult {
  instanceId: string
  status: 'restored'
  restoredGroups: GroupRecord
  /** ENIs in the record that are no longer attached to the instance. */
  skippedInterfaces: string[]
}

export function formatGroupRecord(record: GroupRecord): string {
  return Object.entries(record)
    .map(([eni, groups]) => `${eni}:${groups.join(',')}`)
    .join(';')
}

export function parseGroupRecord(value: string | undefined): GroupRecord | undefined {
  if (!value) return undefined
  const record: GroupRecord = {}
  for (const part of value.split(';')) {
    const [eni, groups] = part.split(':')
    if (eni && groups) record[eni] = groups.split(',').filter(Boolean)
  }
  return Object.keys(record).length ? record : undefined
}

function ctxFor(deps: AwsDeps, action: string, resource?: string): AwsCallContext {
  return { service: 'ec2', settings: deps.clients.settings, action, resource, timeoutMs: deps.timeoutMs }
}

async function findGroup(deps: AwsDeps, vpcId: string, name: string, signal?: AbortSignal) {
  const out = await callAws(ctxFor(deps, 'DescribeSecurityGroups'), () =>
    deps.clients.ec2.send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'group-name', Values: [name] }] }),
      { abortSignal: signal }
    )
  )
  return out.SecurityGroups?.[0]
}

async function createGroup(deps: AwsDeps, vpcId: string, name: string, signal?: AbortSignal): Promise<void> {
  try {
    await deps.clients.ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: name,
        VpcId: vpcId,
        Description: 'Virgil quarantine: no inbound, no outbound traffic',
        TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'virgil:purpose', Value: 'quarantine' }] }]
      }),
      { abortSignal: signal }
    )
  } catch (error) {
    // Another analyst created it a moment ago: theirs is as good as ours.
    if ((error as { name?: string }).name === 'InvalidGroup.Duplicate') return
    await callAws(ctxFor(deps, 'CreateSecurityGroup'), () => Promise.reject(error))
  }
}

/** Finds or creates the quarantine group in the VPC and strips every rule it has (new groups allow all egress). */
async function ensureQuarantineGroup(deps: AwsDeps, vpcId: string, name: string, signal?: AbortSignal): Promise<string> {
  let group: SecurityGroup | undefined = await findGroup(deps, vpcId, name, signal)
  if (!group) {
    await createGroup(deps, vpcId, name, signal)
    group = await findGroup(deps, vpcId, name, signal)
  }
  const groupId = group?.GroupId
  if (!group || !groupId) {
    throw new VirgilError('UNAVAILABLE', `AWS EC2 did not return the quarantine group '${name}' in ${vpcId} after creating it. Retry.`, {
      service: 'AWS EC2'
    })
  }
  if (group.IpPermissionsEgress?.length) {
    const IpPermissions = group.IpPermissionsEgress
    await callAws(ctxFor(deps, 'RevokeSecurityGroupEgress', `security group ${groupId}`), () =>
      deps.clients.ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: groupId, IpPermissions }), { abortSignal: signal })
    )
  }
  if (group.IpPermissions?.length) {
    const IpPermissions = group.IpPermissions
    await callAws(ctxFor(deps, 'RevokeSecurityGroupIngress', `security group ${groupId}`), () =>
      deps.clients.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions }), { abortSignal: signal })
    )
  }
  return groupId
}

async function setGroups(deps: AwsDeps, eniId: string, groups: string[], signal?: AbortSignal) {
  await callAws(ctxFor(deps, 'ModifyNetworkInterfaceAttribute', `network interface ${eniId}`), () =>
    deps.clients.ec2.send(new ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId: eniId, Groups: groups }), { abortSignal: signal })
  )
}

function requireVpc(instance: InstanceDetails): string {
  if (!instance.vpcId || instance.networkInterfaces.length === 0) {
    throw new VirgilError('BAD_INPUT', `${instance.id} has no VPC network interface, so Virgil cannot isolate it with security groups.`)
  }
  return instance.vpcId
}

/**
 * Moves every network interface of the instance into the quarantine group only. The previous groups
 * are written to a tag BEFORE any interface changes, so a crash half-way still leaves the record.
 * None of these EC2 calls accepts a ClientToken; idempotency comes from that tag.
 */
export async function isolateInstance(
  deps: AwsDeps,
  instanceId: string,
  options: { quarantineGroupName?: string } = {},
  signal?: AbortSignal
): Promise<IsolationResult> {
  const instance = await describeInstance(deps, instanceId, signal)
  const vpcId = requireVpc(instance)
  const quarantineGroupId = await ensureQuarantineGroup(deps, vpcId, options.quarantineGroupName ?? DEFAULT_QUARANTINE_GROUP, signal)
  const isQuarantined = (groups: string[]) => groups.length === 1 && groups[0] === quarantineGroupId
  const recorded = parseGroupRecord(instance.tags[PREVIOUS_GROUPS_TAG]) ?? {}
  const pending = instance.networkInterfaces.filter((n) => !isQuarantined(n.groupIds))

  if (pending.length === 0) {
    return { instanceId, status: 'already isolated', quarantineGroupId, previousGroups: recorded }
  }
  const record: GroupRecord = { ...recorded }
  for (const eni of pending) record[eni.id] ??= eni.groupIds
  const tagValue = formatGroupRecord(record)
  if (tagValue.length > TAG_VALUE_LIMIT) {
    throw new VirgilError('BAD_INPUT', `${instanceId} has too many interfaces and groups to record in one tag (${tagValue.length} > 256 characters). Isolate it from the console.`)
  }
  if (tagValue !== instance.tags[PREVIOUS_GROUPS_TAG]) {
    await callAws(ctxFor(deps, 'CreateTags', `instance ${instanceId}`), () =>
      deps.clients.ec2.send(new CreateTagsCommand({ Resources: [instanceId], Tags: [{ Key: PREVIOUS_GROUPS_TAG, Value: tagValue }] }), {
        abortSignal: signal
      })
    )
  }
  for (const eni of pending) await setGroups(deps, eni.id, [quarantineGroupId], signal)
  return { instanceId, status: 'isolated', quarantineGroupId, previousGroups: record }
}

/** Puts back the groups recorded by isolateInstance, then removes the record. */
export async function unisolateInstance(deps: AwsDeps, instanceId: string, signal?: AbortSignal): Promise<UnisolationResult> {
  const instance = await describeInstance(deps, instanceId, signal)
  const record = parseGroupRecord(instance.tags[PREVIOUS_GROUPS_TAG])
  if (!record) {
    throw new VirgilError('CONFLICT', `${instanceId} has no ${PREVIOUS_GROUPS_TAG} tag, so Virgil did not isolate it and has nothing to restore.`, {
      service: 'AWS EC2'
    })
  }
  const attached = new Set(instance.networkInterfaces.map((n) => n.id))
  const restoredGroups: GroupRecord = {}
  const skippedInterfaces: string[] = []
  for (const [eniId, groups] of Object.entries(record)) {
    if (!attached.has(eniId)) {
      skippedInterfaces.push(eniId)
      continue
    }
    await setGroups(deps, eniId, groups, signal)
    restoredGroups[eniId] = groups
  }
  await callAws(ctxFor(deps, 'DeleteTags', `instance ${instanceId}`), () =>
    deps.clients.ec2.send(new DeleteTagsCommand({ Resources: [instanceId], Tags: [{ Key: PREVIOUS_GROUPS_TAG }] }), { abortSignal: signal })
  )
  return { instanceId, status: 'restored', restoredGroups, skippedInterfaces }
}
