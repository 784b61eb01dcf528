import { ALLOW_ALL_EGRESS, ACCOUNT_ID, STATE_CODES, type AwsModel, type ModelInstance, type ModelSecurityGroup, type SgRule } from './model'
import { fault, type ServiceProtocol, type StandinResponse } from './protocol'
import { queryList, queryStructs, xmlDocument, type XmlValue } from './xml'

/** EC2 Query protocol: form-encoded Action=…&Version=2016-11-15, XML answers whose lists are <item>s. */
const NS = 'http://ec2.amazonaws.com/doc/2016-11-15/'
const INSTANCE_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/

const ok = (action: string, requestId: string, body: Record<string, XmlValue>): StandinResponse => ({
  status: 200,
  headers: { 'content-type': 'text/xml;charset=UTF-8' },
  body: xmlDocument(`${action}Response`, NS, { requestId, ...body }, 'item')
})

const tagSet = (tags: Record<string, string>) => Object.entries(tags).map(([key, value]) => ({ key, value }))

function ruleXml(rule: SgRule): XmlValue {
  return {
    ipProtocol: rule.ipProtocol,
    fromPort: rule.fromPort,
    toPort: rule.toPort,
    groups: [],
    ipRanges: rule.cidrs.map((cidrIp) => ({ cidrIp })),
    ipv6Ranges: rule.ipv6Cidrs.map((cidrIpv6) => ({ cidrIpv6 })),
    prefixListIds: []
  }
}

function groupXml(sg: ModelSecurityGroup): XmlValue {
  return {
    ownerId: ACCOUNT_ID,
    groupId: sg.id,
    groupName: sg.name,
    groupDescription: sg.description,
    vpcId: sg.vpcId,
    ipPermissions: sg.ingress.map(ruleXml),
    ipPermissionsEgress: sg.egress.map(ruleXml),
    tagSet: tagSet(sg.tags)
  }
}

function groupRefs(model: AwsModel, ids: string[]) {
  return ids.map((groupId) => ({ groupId, groupName: model.securityGroups.get(groupId)?.name ?? '' }))
}

function instanceXml(model: AwsModel, i: ModelInstance): XmlValue {
  const enis = model.instanceEnis(i)
  return {
    instanceId: i.id,
    imageId: i.imageId,
    instanceState: { code: STATE_CODES[i.state], name: i.state },
    privateDnsName: `ip-${i.privateIp.replaceAll('.', '-')}.${model.region}.compute.internal`,
    dnsName: i.publicIp ? `ec2-${i.publicIp.replaceAll('.', '-')}.${model.region}.compute.amazonaws.com` : '',
    reason: i.transitionReason ?? '',
    ...(i.stateReason ? { stateReason: i.stateReason } : {}),
    ...(i.platform ? { platform: i.platform } : {}),
    platformDetails: i.platformDetails,
    instanceType: i.type,
    launchTime: i.launchTime,
    placement: { availabilityZone: i.availabilityZone, tenancy: 'default' },
    subnetId: i.subnetId,
    vpcId: i.vpcId,
    privateIpAddress: i.privateIp,
    ipAddress: i.publicIp,
    groupSet: groupRefs(model, enis.find((e) => e.deviceIndex === 0)?.groupIds ?? []),
    tagSet: tagSet(i.tags),
    networkInterfaceSet: enis.map((e) => ({
      networkInterfaceId: e.id,
      subnetId: e.subnetId,
      vpcId: e.vpcId,
      ownerId: ACCOUNT_ID,
      status: 'in-use',
      privateIpAddress: e.privateIp,
      groupSet: groupRefs(model, e.groupIds),
      attachment: { attachmentId: `eni-attach-${e.id.slice(4)}`, deviceIndex: e.deviceIndex, status: 'attached' }
    }))
  }
}

function filters(p: URLSearchParams): { name: string; values: string[] }[] {
  return queryStructs(p, 'Filter').map((f) => ({ name: f.get('Name') ?? '', values: queryList(f, 'Value') }))
}

function matchesInstance(i: ModelInstance, f: { name: string; values: string[] }): boolean {
  if (f.name === 'instance-state-name') return f.values.includes(i.state)
  if (f.name === 'instance-id') return f.values.includes(i.id)
  if (f.name === 'vpc-id') return f.values.includes(i.vpcId)
  if (f.name === 'tag-key') return f.values.some((k) => k in i.tags)
  if (f.name.startsWith('tag:')) return f.values.includes(i.tags[f.name.slice(4)] ?? '\u0000')
  throw fault(400, 'InvalidParameterValue', `The filter '${f.name}' is invalid`)
}

function describeInstances(p: URLSearchParams, model: AwsModel, requestId: string) {
  const ids = queryList(p, 'InstanceId')
  for (const id of ids) {
    if (!INSTANCE_ID.test(id)) throw fault(400, 'InvalidInstanceID.Malformed', `Invalid id: "${id}"`)
    if (!model.instances.has(id)) throw fault(400, 'InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`)
  }
  const fs = filters(p)
  let list = [...model.instances.values()].filter((i) => (ids.length === 0 || ids.includes(i.id)) && fs.every((f) => matchesInstance(i, f)))
  const max = Number(p.get('MaxResults') ?? 0)
  const start = Number(p.get('NextToken') ?? 0)
  let nextToken: string | undefined
  if (max > 0) {
    nextToken = start + max < list.length ? String(start + max) : undefined
    list = list.slice(start, start + max)
  }
  return ok('DescribeInstances', requestId, {
    reservationSet: list.map((i) => ({ reservationId: i.reservationId, ownerId: ACCOUNT_ID, groupSet: [], instancesSet: [instanceXml(model, i)] })),
    nextToken
  })
}

function describeSecurityGroups(p: URLSearchParams, model: AwsModel, requestId: string) {
  const ids = queryList(p, 'GroupId')
  const fs = filters(p)
  const list = [...model.securityGroups.values()].filter(
    (g) =>
      (ids.length === 0 || ids.includes(g.id)) &&
      fs.every((f) => {
        if (f.name === 'vpc-id') return f.values.includes(g.vpcId)
        if (f.name === 'group-name') return f.values.includes(g.name)
        if (f.name === 'group-id') return f.values.includes(g.id)
        throw fault(400, 'InvalidParameterValue', `The filter '${f.name}' is invalid`)
      })
  )
  for (const id of ids) if (!model.securityGroups.has(id)) throw fault(400, 'InvalidGroup.NotFound', `The security group '${id}' does not exist`)
  return ok('DescribeSecurityGroups', requestId, { securityGroupInfo: list.map(groupXml) })
}

function createSecurityGroup(p: URLSearchParams, model: AwsModel, requestId: string) {
  const name = p.get('GroupName') ?? ''
  const vpcId = p.get('VpcId') ?? ''
  if (!name || !p.get('GroupDescription')) throw fault(400, 'MissingParameter', 'The request must contain the parameter groupName and groupDescription')
  if ([...model.securityGroups.values()].some((g) => g.vpcId === vpcId && g.name === name)) {
    throw fault(400, 'InvalidGroup.Duplicate', `The security group '${name}' already exists for VPC '${vpcId}'`)
  }
  const sg = model.seedSecurityGroup({ name, vpcId, egress: [{ ...ALLOW_ALL_EGRESS }] })
  sg.description = p.get('GroupDescription') ?? ''
  for (const spec of queryStructs(p, 'TagSpecification')) {
    for (const t of queryStructs(spec, 'Tag')) sg.tags[t.get('Key') ?? ''] = t.get('Value') ?? ''
  }
  return ok('CreateSecurityGroup', requestId, { return: true, groupId: sg.id })
}

function revoke(direction: 'ingress' | 'egress', p: URLSearchParams, model: AwsModel, requestId: string) {
  const sg = model.securityGroups.get(p.get('GroupId') ?? '')
  if (!sg) throw fault(400, 'InvalidGroup.NotFound', `The security group '${p.get('GroupId')}' does not exist`)
  for (const perm of queryStructs(p, 'IpPermissions')) {
    const proto = perm.get('IpProtocol') ?? ''
    const cidrs = queryStructs(perm, 'IpRanges').map((r) => r.get('CidrIp') ?? '')
    const v6 = queryStructs(perm, 'Ipv6Ranges').map((r) => r.get('CidrIpv6') ?? '')
    const rules = sg[direction]
    const rule = rules.find((r) => r.ipProtocol === proto && cidrs.every((c) => r.cidrs.includes(c)) && v6.every((c) => r.ipv6Cidrs.includes(c)))
    if (!rule) throw fault(400, 'InvalidPermission.NotFound', 'The specified rule does not exist in this security group.')
    rule.cidrs = rule.cidrs.filter((c) => !cidrs.includes(c))
    rule.ipv6Cidrs = rule.ipv6Cidrs.filter((c) => !v6.includes(c))
    sg[direction] = rules.filter((r) => r.cidrs.length + r.ipv6Cidrs.length > 0)
  }
  return ok(direction === 'egress' ? 'RevokeSecurityGroupEgress' : 'RevokeSecurityGroupIngress', requestId, { return: true })
}

function modifyNetworkInterface(p: URLSearchParams, model: AwsModel, requestId: string) {
  const eni = model.enis.get(p.get('NetworkInterfaceId') ?? '')
  if (!eni) throw fault(400, 'InvalidNetworkInterfaceID.NotFound', `The networkInterface ID '${p.get('NetworkInterfaceId')}' does not exist`)
  const groups = queryList(p, 'SecurityGroupId')
  if (groups.length === 0) throw fault(400, 'InvalidParameterCombination', 'No attributes specified.')
  for (const id of groups) {
    const sg = model.securityGroups.get(id)
    if (!sg) throw fault(400, 'InvalidGroup.NotFound', `The security group '${id}' does not exist`)
    if (sg.vpcId !== eni.vpcId) throw fault(400, 'InvalidParameter', `Security group ${id} and interface ${eni.id} belong to different networks.`)
  }
  eni.groupIds = groups
  return ok('ModifyNetworkInterfaceAttribute', requestId, { return: true })
}

function tags(action: 'CreateTags' | 'DeleteTags', p: URLSearchParams, model: AwsModel, requestId: string) {
  for (const id of queryList(p, 'ResourceId')) {
    const target = model.instances.get(id) ?? model.securityGroups.get(id)
    if (!target) throw fault(400, id.startsWith('i-') ? 'InvalidInstanceID.NotFound' : 'InvalidID', `The ID '${id}' does not exist`)
    for (const t of queryStructs(p, 'Tag')) {
      const key = t.get('Key') ?? ''
      const value = t.get('Value') ?? ''
      if (value.length > 256) throw fault(400, 'InvalidParameterValue', 'Tag value exceeds the maximum length of 256 characters')
      if (action === 'CreateTags') target.tags[key] = value
      else delete target.tags[key]
    }
  }
  return ok(action, requestId, { return: true })
}

export const ec2Protocol: ServiceProtocol = {
  id: 'ec2',
  operation: (req) => new URLSearchParams(req.body).get('Action') ?? '?',
  handle(req, model, requestId) {
    const p = new URLSearchParams(req.body)
    if (p.get('Version') !== '2016-11-15') throw fault(400, 'InvalidParameterValue', `Unsupported Version '${p.get('Version')}'`)
    const action = p.get('Action')
    if (action === 'DescribeInstances') return describeInstances(p, model, requestId)
    if (action === 'DescribeSecurityGroups') return describeSecurityGroups(p, model, requestId)
    if (action === 'CreateSecurityGroup') return createSecurityGroup(p, model, requestId)
    if (action === 'RevokeSecurityGroupEgress') return revoke('egress', p, model, requestId)
    if (action === 'RevokeSecurityGroupIngress') return revoke('ingress', p, model, requestId)
    if (action === 'ModifyNetworkInterfaceAttribute') return modifyNetworkInterface(p, model, requestId)
    if (action === 'CreateTags' || action === 'DeleteTags') return tags(action, p, model, requestId)
    throw fault(400, 'InvalidAction', `The action ${action} is not valid for this web service.`)
  },
  renderError(f, requestId) {
    return {
      status: f.status,
      headers: { 'content-type': 'text/xml;charset=UTF-8', ...(f.headers ?? {}) },
      body: xmlDocument('Response', undefined, { Errors: { Error: { Code: f.code, Message: f.message } }, RequestID: requestId }, 'item')
    }
  }
}

