import { randomBytes, randomUUID } from 'node:crypto'

export interface SgRule {
  ipProtocol: string
  fromPort?: number
  toPort?: number
  cidrs: string[]
  ipv6Cidrs: string[]
}

export interface ModelSecurityGroup {
  id: string
  name: string
  description: string
  vpcId: string
  ingress: SgRule[]
  egress: SgRule[]
  tags: Record<string, string>
}

export interface ModelEni {
  id: string
  vpcId: string
  subnetId: string
  deviceIndex: number
  privateIp: string
  groupIds: string[]
}

export interface ModelInstance {
  id: string
  reservationId: string
  state: 'pending' | 'running' | 'stopping' | 'stopped' | 'shutting-down' | 'terminated'
  type: string
  imageId: string
  vpcId: string
  subnetId: string
  availabilityZone: string
  privateIp: string
  publicIp?: string
  launchTime: Date
  tags: Record<string, string>
  eniIds: string[]
  /** Only Windows instances carry platform ("windows"); platformDetails is always there. */
  platform?: 'windows'
  platformDetails: string
  /** EC2's stateReason and reason (state transition reason), set when an instance stopped or was terminated. */
  stateReason?: { code: string; message: string }
  transitionReason?: string
}

export interface ModelAlarm {
  name: string
  metricName: string
  namespace: string
  instanceId?: string
  threshold: number
  comparison: string
  state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA'
  reason: string
  updatedAt: Date
}

export interface CpuDatapoint {
  timestamp: Date
  average: number
  maximum: number
}

/** A finding as GuardDuty's REST-JSON API sends it (camelCase keys, ISO timestamps). */
export type GuardDutyFindingJson = Record<string, unknown> & { id: string; severity: number; updatedAt: string; service: Record<string, unknown> }

export interface PublishedSms {
  messageId: string
  phoneNumber: string
  message: string
  attributes: Record<string, string>
}

export const ACCOUNT_ID = '123456789012'
export const STATE_CODES: Record<ModelInstance['state'], number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80
}

export const newId = (prefix: string) => `${prefix}-${randomBytes(9).toString('hex').slice(0, 17)}`

export const ALLOW_ALL_EGRESS: SgRule = { ipProtocol: '-1', cidrs: ['0.0.0.0/0'], ipv6Cidrs: [] }

/** The whole fake account: EC2, CloudWatch, GuardDuty and SNS state, plus seed helpers. */
export class AwsModel {
  region: string
  instances = new Map<string, ModelInstance>()
  securityGroups = new Map<string, ModelSecurityGroup>()
  enis = new Map<string, ModelEni>()
  alarms: ModelAlarm[] = []
  cpu = new Map<string, CpuDatapoint[]>()
  detectors: string[] = []
  findings = new Map<string, GuardDutyFindingJson[]>()
  sms: PublishedSms[] = []

  constructor(region: string) {
    this.region = region
  }

  seedSecurityGroup(input: { name: string; vpcId?: string; id?: string; ingress?: SgRule[]; egress?: SgRule[] }): ModelSecurityGroup {
    const sg: ModelSecurityGroup = {
      id: input.id ?? newId('sg'),
      name: input.name,
      description: input.name,
      vpcId: input.vpcId ?? 'vpc-0a1b2c3d4e5f60718',
      ingress: input.ingress ?? [],
      egress: input.egress ?? [{ ...ALLOW_ALL_EGRESS }],
      tags: {}
    }
    this.securityGroups.set(sg.id, sg)
    return sg
  }

  /** One instance with one ENI per entry of `interfaces` (each a list of group ids); the first is eth0. */
  seedInstance(input: {
    id?: string
    interfaces: string[][]
    vpcId?: string
    subnetId?: string
    state?: ModelInstance['state']
    type?: string
    tags?: Record<string, string>
    publicIp?: string
    launchTime?: Date
    platform?: 'windows'
    platformDetails?: string
    stateReason?: { code: string; message: string }
    transitionReason?: string
  }): ModelInstance {
    const vpcId = input.vpcId ?? 'vpc-0a1b2c3d4e5f60718'
    const subnetId = input.subnetId ?? 'subnet-0123456789abcdef0'
    const octet = this.instances.size + 10
    const eniIds = input.interfaces.map((groupIds, deviceIndex) => {
      const eni: ModelEni = { id: newId('eni'), vpcId, subnetId, deviceIndex, privateIp: `10.0.${deviceIndex}.${octet}`, groupIds: [...groupIds] }
      this.enis.set(eni.id, eni)
      return eni.id
    })
    const instance: ModelInstance = {
      id: input.id ?? newId('i'),
      reservationId: newId('r'),
      state: input.state ?? 'running',
      type: input.type ?? 't3.micro',
      imageId: 'ami-0abcdef1234567890',
      vpcId,
      subnetId,
      availabilityZone: `${this.region}a`,
      privateIp: `10.0.0.${octet}`,
      ...(input.publicIp ? { publicIp: input.publicIp } : {}),
      launchTime: input.launchTime ?? new Date('2024-05-01T08:00:00.000Z'),
      tags: { ...(input.tags ?? {}) },
      eniIds,
      ...(input.platform ? { platform: input.platform } : {}),
      platformDetails: input.platformDetails ?? (input.platform === 'windows' ? 'Windows' : 'Linux/UNIX'),
      ...(input.stateReason ? { stateReason: input.stateReason } : {}),
      ...(input.transitionReason ? { transitionReason: input.transitionReason } : {})
    }
    this.instances.set(instance.id, instance)
    return instance
  }

  instanceEnis(instance: ModelInstance): ModelEni[] {
    return instance.eniIds.map((id) => this.enis.get(id)).filter((e): e is ModelEni => e !== undefined)
  }

  /** Fills `hours` of five-minute CPU datapoints ending now; `shape` maps the point index to an average. */
  seedCpu(instanceId: string, hours: number, shape: (index: number) => number = () => 20): CpuDatapoint[] {
    const step = 300_000
    const end = Math.floor(Date.now() / step) * step
    const points: CpuDatapoint[] = []
    for (let t = end - hours * 3_600_000, i = 0; t < end; t += step, i++) {
      const average = shape(i)
      points.push({ timestamp: new Date(t), average, maximum: Math.min(100, average + 5) })
    }
    this.cpu.set(instanceId, points)
    return points
  }

  seedAlarm(input: Partial<ModelAlarm> & { name: string }): ModelAlarm {
    const alarm: ModelAlarm = {
      metricName: 'CPUUtilization',
      namespace: 'AWS/EC2',
      threshold: 80,
      comparison: 'GreaterThanOrEqualToThreshold',
      state: 'ALARM',
      reason: 'Threshold Crossed: 1 datapoint [97.5] was greater than or equal to the threshold (80.0).',
      updatedAt: new Date(),
      ...input
    }
    this.alarms.push(alarm)
    return alarm
  }

  seedDetector(id = randomBytes(16).toString('hex')): string {
    this.detectors.push(id)
    this.findings.set(id, this.findings.get(id) ?? [])
    return id
  }

  /** `resource`, `action` and `runtimeDetails` are GuardDuty's wire JSON (camelCase), as in a real finding. */
  seedFinding(
    detectorId: string,
    input: {
      type: string
      severity: number
      instanceId?: string
      updatedAt?: Date
      count?: number
      title?: string
      archived?: boolean
      resource?: Record<string, unknown>
      action?: Record<string, unknown>
      runtimeDetails?: Record<string, unknown>
    }
  ) {
    const updatedAt = (input.updatedAt ?? new Date()).toISOString()
    const id = randomBytes(16).toString('hex')
    const finding: GuardDutyFindingJson = {
      id,
      accountId: ACCOUNT_ID,
      arn: `arn:aws:guardduty:${this.region}:${ACCOUNT_ID}:detector/${detectorId}/finding/${id}`,
      createdAt: new Date(Date.parse(updatedAt) - 3_600_000).toISOString(),
      updatedAt,
      description: `${input.type} was observed${input.instanceId ? ` on ${input.instanceId}` : ''}.`,
      partition: 'aws',
      region: this.region,
      schemaVersion: '2.0',
      severity: input.severity,
      title: input.title ?? `${input.type} finding`,
      type: input.type,
      resource: input.resource ?? (input.instanceId
        ? { resourceType: 'Instance', instanceDetails: { instanceId: input.instanceId, instanceType: 't3.micro', availabilityZone: `${this.region}a` } }
        : { resourceType: 'AccessKey', accessKeyDetails: { accessKeyId: 'ASIAEXAMPLE', userName: 'analyst', userType: 'IAMUser' } }),
      service: {
        serviceName: 'guardduty',
        detectorId,
        archived: input.archived ?? false,
        count: input.count ?? 1,
        eventFirstSeen: new Date(Date.parse(updatedAt) - 3_600_000).toISOString(),
        eventLastSeen: updatedAt,
        action: input.action ?? { actionType: 'NETWORK_CONNECTION' },
        ...(input.runtimeDetails ? { runtimeDetails: input.runtimeDetails } : {})
      }
    }
    const list = this.findings.get(detectorId) ?? []
    list.push(finding)
    this.findings.set(detectorId, list)
    return finding
  }

  recordSms(phoneNumber: string, message: string, attributes: Record<string, string>): PublishedSms {
    const sms = { messageId: randomUUID(), phoneNumber, message, attributes }
    this.sms.push(sms)
    return sms
  }
}
