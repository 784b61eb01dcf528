import type { Finding, RemoteIpDetails } from '@aws-sdk/client-guardduty'

/** The far end of the activity: who connected, called or probed. */
export interface FindingRemote {
  ip?: string
  port?: number
  /** "Probed port", "Remote port" or "Local port": which side the port is on. */
  portLabel?: string
  org?: string
  asn?: string
  country?: string
  domain?: string
}

/** What a finding is about, whatever the resource type (EC2, IAM key, S3, EKS, RDS, Lambda, ECS, runtime). */
export interface FindingSubject {
  resourceType: string
  /** One line: "EKS cluster prod-eks · workload payments/api (Deployment)". */
  resource: string
  /** Labelled details an analyst pivots on, in order. */
  details: Record<string, string>
  /** The identity involved (IAM user, Kubernetes user, database user, process user). */
  user?: string
  action?: string
  remote?: FindingRemote
}

type Details = Record<string, string | number | undefined>

function compact(details: Details): Record<string, string> {
  return Object.fromEntries(Object.entries(details).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [[k, String(v)]])))
}

const join = (...parts: (string | undefined)[]): string => parts.filter(Boolean).join(' · ')

/** The resource part of a finding, described per resource type. */
function describeResource(f: Finding): Omit<FindingSubject, 'action' | 'remote'> {
  const r = f.Resource ?? {}
  const type = r.ResourceType ?? 'Unknown'
  const key = r.AccessKeyDetails
  const iamUser = key?.UserName ? `${key.UserName}${key.UserType ? ` (${key.UserType})` : ''}` : undefined
  const k8sUser = r.KubernetesDetails?.KubernetesUserDetails?.Username
  const workload = r.KubernetesDetails?.KubernetesWorkloadDetails
  const workloadText = workload?.Name ? `workload ${workload.Namespace ? `${workload.Namespace}/` : ''}${workload.Name}${workload.Type ? ` (${workload.Type})` : ''}` : undefined
  const instance = r.InstanceDetails
  const nic = instance?.NetworkInterfaces?.[0]
  const instanceDetails: Details = {
    Instance: instance?.InstanceId,
    'Instance type': instance?.InstanceType,
    Platform: instance?.Platform,
    'Private IP': nic?.PrivateIpAddress,
    'Public IP': nic?.PublicIp
  }
  switch (type) {
    case 'Instance':
      return { resourceType: type, resource: `EC2 instance ${instance?.InstanceId ?? 'unknown'}`, details: compact(instanceDetails) }
    case 'AccessKey':
      return {
        resourceType: type,
        resource: `IAM access key ${key?.AccessKeyId ?? 'unknown'}`,
        details: compact({ 'Access key': key?.AccessKeyId, 'Principal id': key?.PrincipalId }),
        ...(iamUser ? { user: iamUser } : {})
      }
    case 'S3Bucket': {
      const buckets = r.S3BucketDetails ?? []
      const names = buckets.map((b) => b.Name).filter(Boolean).join(', ')
      const exposure = buckets.map((b) => b.PublicAccess?.EffectivePermission).find(Boolean)
      return {
        resourceType: type,
        resource: `S3 bucket ${names || 'unknown'}`,
        details: compact({ Bucket: names, 'Public access': exposure, 'Access key': key?.AccessKeyId }),
        ...(iamUser ? { user: iamUser } : {})
      }
    }
    case 'EKSCluster': {
      const c = r.EksClusterDetails
      return {
        resourceType: type,
        resource: join(`EKS cluster ${c?.Name ?? 'unknown'}`, workloadText),
        details: compact({ Cluster: c?.Name, VPC: c?.VpcId, ...(instance?.InstanceId ? instanceDetails : {}) }),
        ...(k8sUser ? { user: k8sUser } : {})
      }
    }
    case 'RDSDBInstance': {
      const db = r.RdsDbInstanceDetails
      const dbUser = r.RdsDbUserDetails
      return {
        resourceType: type,
        resource: `RDS database ${db?.DbInstanceIdentifier ?? 'unknown'}${db?.Engine ? ` (${db.Engine}${db.EngineVersion ? ` ${db.EngineVersion}` : ''})` : ''}`,
        details: compact({ Database: db?.DbInstanceIdentifier, Cluster: db?.DbClusterIdentifier, Application: dbUser?.Application }),
        ...(dbUser?.User ? { user: dbUser.User } : {})
      }
    }
    case 'Lambda': {
      const fn = r.LambdaDetails
      return {
        resourceType: type,
        resource: `Lambda function ${fn?.FunctionName ?? 'unknown'}${fn?.FunctionVersion ? ` (${fn.FunctionVersion})` : ''}`,
        details: compact({ Function: fn?.FunctionArn ?? fn?.FunctionName, Role: fn?.Role })
      }
    }
    case 'ECSCluster': {
      const c = r.EcsClusterDetails
      return {
        resourceType: type,
        resource: join(`ECS cluster ${c?.Name ?? 'unknown'}`, c?.TaskDetails?.DefinitionArn ? `task ${c.TaskDetails.DefinitionArn}` : undefined),
        details: compact({ Cluster: c?.Arn ?? c?.Name, Container: r.ContainerDetails?.Image })
      }
    }
    case 'Container':
      return { resourceType: type, resource: `Container ${r.ContainerDetails?.Name ?? r.ContainerDetails?.Id ?? 'unknown'}`, details: compact({ Image: r.ContainerDetails?.Image }) }
    default:
      return { resourceType: type, resource: `${type} resource`, details: compact(instance?.InstanceId ? instanceDetails : {}), ...(iamUser ? { user: iamUser } : {}) }
  }
}

function remoteFrom(ip: RemoteIpDetails | undefined, extra: FindingRemote = {}): FindingRemote | undefined {
  const org = ip?.Organization
  const remote: FindingRemote = { ...extra }
  const address = ip?.IpAddressV4 ?? ip?.IpAddressV6
  if (address) remote.ip = address
  const orgName = org?.AsnOrg ?? org?.Org ?? org?.Isp
  if (orgName) remote.org = orgName
  if (org?.Asn) remote.asn = `AS${org.Asn}`
  const country = ip?.Country?.CountryName ?? ip?.Country?.CountryCode
  if (country) remote.country = country
  return Object.keys(remote).length ? remote : undefined
}

/** The action: which API, connection, lookup, probe or login, and its far end. */
function describeAction(f: Finding): Pick<FindingSubject, 'action' | 'remote' | 'user'> {
  const a = f.Service?.Action
  switch (a?.ActionType) {
    case 'NETWORK_CONNECTION': {
      const c = a.NetworkConnectionAction
      const inbound = c?.ConnectionDirection === 'INBOUND'
      const port = inbound ? c?.LocalPortDetails : c?.RemotePortDetails
      const portLabel = inbound ? 'Local port' : 'Remote port'
      return {
        action: `${c?.ConnectionDirection ?? 'Network'} ${c?.Protocol ?? ''} connection`.replace(/\s+/g, ' ').trim(),
        remote: remoteFrom(c?.RemoteIpDetails, port?.Port ? { port: port.Port, portLabel } : {})
      }
    }
    case 'AWS_API_CALL': {
      const c = a.AwsApiCallAction
      return {
        action: `API call ${c?.ServiceName ? `${c.ServiceName} ` : ''}${c?.Api ?? ''}`.trim(),
        remote: remoteFrom(c?.RemoteIpDetails, c?.DomainDetails?.Domain ? { domain: c.DomainDetails.Domain } : {})
      }
    }
    case 'DNS_REQUEST': {
      const d = a.DnsRequestAction
      return { action: `DNS lookup${d?.Blocked ? ' (blocked)' : ''}`, remote: d?.Domain ? { domain: d.Domain } : undefined }
    }
    case 'PORT_PROBE': {
      const probe = a.PortProbeAction?.PortProbeDetails?.[0]
      const port = probe?.LocalPortDetails?.Port
      return { action: 'Port probe', remote: remoteFrom(probe?.RemoteIpDetails, port ? { port, portLabel: 'Probed port' } : {}) }
    }
    case 'KUBERNETES_API_CALL': {
      const k = a.KubernetesApiCallAction
      const source = k?.SourceIps?.[0]
      return {
        action: `Kubernetes ${k?.Verb ?? 'API call'} ${k?.RequestUri ?? ''}`.trim(),
        remote: remoteFrom(k?.RemoteIpDetails) ?? (source ? { ip: source } : undefined)
      }
    }
    case 'RDS_LOGIN_ATTEMPT': {
      const login = a.RdsLoginAttemptAction
      const attempt = login?.LoginAttributes?.[0]
      const tries = attempt ? ` (${attempt.FailedLoginAttempts ?? 0} failed, ${attempt.SuccessfulLoginAttempts ?? 0} succeeded)` : ''
      return { action: `Database login${tries}`, remote: remoteFrom(login?.RemoteIpDetails), ...(attempt?.User ? { user: attempt.User } : {}) }
    }
    default:
      return a?.ActionType ? { action: a.ActionType } : {}
  }
}

/** Resource, identity, action and far end of a finding, for every resource type GuardDuty reports. */
export function describeFinding(f: Finding): FindingSubject {
  const resource = describeResource(f)
  const action = describeAction(f)
  const process = f.Service?.RuntimeDetails?.Process
  const details = { ...resource.details }
  if (process?.Name || process?.ExecutablePath) details.Process = `${process.ExecutablePath ?? process.Name}${process.Pid ? ` (pid ${process.Pid})` : ''}`
  const user = resource.user ?? action.user ?? process?.User
  const subject: FindingSubject = { resourceType: resource.resourceType, resource: resource.resource, details }
  if (user) subject.user = user
  if (action.action) subject.action = action.action
  if (action.remote) subject.remote = action.remote
  return subject
}
