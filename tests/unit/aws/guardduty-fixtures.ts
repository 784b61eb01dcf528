/**
 * GuardDuty findings' resource and action parts as the API sends them (camelCase wire JSON, per
 * the API reference: Resource, Action, RuntimeDetails). Made-up accounts, documentation IPs.
 * Note the one quirk of the model: rdsLoginAttemptAction.LoginAttributes has no jsonName, so it is PascalCase on the wire.
 */
type Json = Record<string, unknown>

const remoteIp = (ip: string, asn: string, org: string, country: string, code: string): Json => ({
  ipAddressV4: ip,
  organization: { asn, asnOrg: org, isp: org, org },
  country: { countryName: country, countryCode: code },
  city: { cityName: '' },
  geoLocation: { lat: 52.37, lon: 4.89 }
})

export interface FindingFixture {
  type: string
  severity: number
  resource: Json
  action: Json
  runtimeDetails?: Json
}

export const EKS_ANONYMOUS: FindingFixture = {
  type: 'Policy:Kubernetes/AnonymousAccessGranted',
  severity: 8,
  resource: {
    resourceType: 'EKSCluster',
    eksClusterDetails: { name: 'prod-payments', arn: 'arn:aws:eks:eu-west-1:123456789012:cluster/prod-payments', vpcId: 'vpc-0a1b2c3d4e5f60718', status: 'ACTIVE', createdAt: 1700000000 },
    kubernetesDetails: {
      kubernetesUserDetails: { username: 'system:anonymous', uid: '', groups: ['system:unauthenticated'] },
      kubernetesWorkloadDetails: { name: 'api', type: 'deployments', uid: 'b1e6a1f0-0000-4000-8000-000000000001', namespace: 'payments' }
    }
  },
  action: {
    actionType: 'KUBERNETES_API_CALL',
    kubernetesApiCallAction: { requestUri: '/api/v1/namespaces/payments/secrets', verb: 'list', sourceIps: ['198.51.100.23'], userAgent: 'kubectl/v1.29.0', remoteIpDetails: remoteIp('198.51.100.23', '64500', 'Example Hosting BV', 'Netherlands', 'NL'), statusCode: 200 }
  }
}

export const IAM_KEY_TOR: FindingFixture = {
  type: 'UnauthorizedAccess:IAMUser/TorIPCaller',
  severity: 5,
  resource: {
    resourceType: 'AccessKey',
    accessKeyDetails: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', principalId: 'AIDAEXAMPLEPRINCIPAL1', userName: 'ci-deployer', userType: 'IAMUser' }
  },
  action: {
    actionType: 'AWS_API_CALL',
    awsApiCallAction: { api: 'ListBuckets', serviceName: 's3.amazonaws.com', callerType: 'Remote IP', remoteIpDetails: remoteIp('203.0.113.66', '64501', 'Example Relay Network', 'Germany', 'DE'), userAgent: 'aws-cli/2.15.0' }
  }
}

export const S3_EXFIL: FindingFixture = {
  type: 'Exfiltration:S3/AnomalousBehavior',
  severity: 8,
  resource: {
    resourceType: 'S3Bucket',
    accessKeyDetails: { accessKeyId: 'ASIAEXAMPLETEMPKEY01', principalId: 'AROAEXAMPLEROLE:analyst-session', userName: 'DataScienceRole', userType: 'AssumedRole' },
    s3BucketDetails: [
      { arn: 'arn:aws:s3:::acme-customer-exports', name: 'acme-customer-exports', type: 'Destination', createdAt: 1690000000, owner: { id: 'abc123' }, publicAccess: { effectivePermission: 'NOT_PUBLIC' } }
    ]
  },
  action: { actionType: 'AWS_API_CALL', awsApiCallAction: { api: 'GetObject', serviceName: 's3.amazonaws.com', remoteIpDetails: remoteIp('192.0.2.144', '64502', 'Example Cloud Ltd', 'United Kingdom', 'GB') } }
}

export const RDS_BRUTE: FindingFixture = {
  type: 'CredentialAccess:RDS/AnomalousBehavior.FailedLogin',
  severity: 5,
  resource: {
    resourceType: 'RDSDBInstance',
    rdsDbInstanceDetails: { dbInstanceIdentifier: 'orders-db-1', engine: 'aurora-postgresql', engineVersion: '15.4', dbClusterIdentifier: 'orders', dbInstanceArn: 'arn:aws:rds:eu-west-1:123456789012:db:orders-db-1' },
    rdsDbUserDetails: { user: 'postgres', application: 'psql', database: 'orders', ssl: 'true', authMethod: 'PASSWORD' }
  },
  action: {
    actionType: 'RDS_LOGIN_ATTEMPT',
    rdsLoginAttemptAction: { remoteIpDetails: remoteIp('198.51.100.77', '64503', 'Example ISP', 'Brazil', 'BR'), LoginAttributes: [{ user: 'postgres', application: 'psql', failedLoginAttempts: 318, successfulLoginAttempts: 0 }] }
  }
}

export const LAMBDA_MINER: FindingFixture = {
  type: 'CryptoCurrency:Lambda/BitcoinTool.B',
  severity: 8,
  resource: {
    resourceType: 'Lambda',
    lambdaDetails: { functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:thumbnailer', functionName: 'thumbnailer', functionVersion: '$LATEST', role: 'arn:aws:iam::123456789012:role/thumbnailer-exec', revisionId: 'r1' }
  },
  action: {
    actionType: 'NETWORK_CONNECTION',
    networkConnectionAction: { connectionDirection: 'OUTBOUND', protocol: 'TCP', blocked: false, remoteIpDetails: remoteIp('203.0.113.200', '64504', 'Example Pool Hosting', 'Singapore', 'SG'), remotePortDetails: { port: 3333, portName: 'Unknown' }, localPortDetails: { port: 41000, portName: 'Unknown' } }
  }
}

export const RUNTIME_REVERSE_SHELL: FindingFixture = {
  type: 'Execution:Runtime/ReverseShell',
  severity: 8,
  resource: {
    resourceType: 'Instance',
    instanceDetails: { instanceId: 'i-0fedcba9876543210', instanceType: 'm5.large', platform: 'Linux/UNIX', networkInterfaces: [{ privateIpAddress: '10.0.3.17', publicIp: '192.0.2.10' }] }
  },
  action: {
    actionType: 'NETWORK_CONNECTION',
    networkConnectionAction: { connectionDirection: 'OUTBOUND', protocol: 'TCP', remoteIpDetails: remoteIp('198.51.100.9', '64505', 'Example VPS', 'Romania', 'RO'), remotePortDetails: { port: 4444, portName: 'Unknown' } }
  },
  runtimeDetails: { process: { name: 'bash', executablePath: '/usr/bin/bash', pid: 2211, user: 'www-data', euid: 33 } }
}

export const SSH_BRUTE_INBOUND: FindingFixture = {
  type: 'UnauthorizedAccess:EC2/SSHBruteForce',
  severity: 2,
  resource: { resourceType: 'Instance', instanceDetails: { instanceId: 'i-0abc1234def567890', instanceType: 't3.micro' } },
  action: {
    actionType: 'NETWORK_CONNECTION',
    networkConnectionAction: { connectionDirection: 'INBOUND', protocol: 'TCP', remoteIpDetails: remoteIp('192.0.2.55', '64506', 'Example Telecom', 'Vietnam', 'VN'), localPortDetails: { port: 22, portName: 'SSH' }, remotePortDetails: { port: 51234, portName: 'Unknown' } }
  }
}
