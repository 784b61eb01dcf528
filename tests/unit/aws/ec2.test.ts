import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ec2Commands } from '../../../src/main/core/commands/builtin/ec2'
import type { CommandContext, CommandSpec } from '../../../src/main/core/commands/types'
import { createEc2Service, type Ec2Service } from '../../../src/main/core/integrations/aws/ec2-service'
import { PREVIOUS_GROUPS_TAG } from '../../../src/main/core/integrations/aws/ec2-isolate'
import { AWS_TEST_CREDENTIALS, startAwsStandin, type AwsStandin } from '../../standins/aws/server'

let aws: AwsStandin
let ec2: Ec2Service
let commands: CommandSpec[]

const ctx = (confirmed = false): CommandContext => ({
  actor: { id: 'a1', name: 'Ana', role: 'analyst' },
  incidentId: 'inc-1',
  signal: new AbortController().signal,
  confirmed
})

function command(...path: string[]): CommandSpec {
  const spec = commands.find((c) => c.path.join(' ') === path.join(' '))
  if (!spec) throw new Error(`no command ${path.join(' ')}`)
  return spec
}

async function run(path: string[], positional: string[], flags: Record<string, string | true> = {}, confirmed = false) {
  const spec = command(...path)
  return spec.run(spec.args.parse({ positional, flags }), ctx(confirmed))
}

beforeEach(async () => {
  aws = await startAwsStandin({ region: 'eu-west-1' })
  ec2 = createEc2Service({ region: 'eu-west-1', endpoint: aws.url }, { credentials: AWS_TEST_CREDENTIALS, timeoutMs: 2_000 })
  commands = ec2Commands(() => ec2)
})

afterEach(async () => {
  ec2.destroy()
  await aws.close()
})

function seedWebServer() {
  const web = aws.model.seedSecurityGroup({ name: 'web' })
  const ssh = aws.model.seedSecurityGroup({ name: 'ssh-admin' })
  const db = aws.model.seedSecurityGroup({ name: 'db-clients' })
  const instance = aws.model.seedInstance({
    interfaces: [[web.id, ssh.id], [db.id]],
    tags: { Name: 'web-01', Env: 'prod' },
    publicIp: '203.0.113.10'
  })
  return { instance, web, ssh, db }
}

describe('ec2 ls and show', () => {
  it('lists instances as a table and filters by state and tag on the server side', async () => {
    const { instance } = seedWebServer()
    const other = aws.model.seedInstance({ interfaces: [[]], state: 'stopped', tags: { Name: 'batch', Env: 'dev' } })

    const all = await run(['ec2', 'ls'], [])
    expect(all.table?.rows.map((r) => r[0]).sort()).toEqual([instance.id, other.id].sort())
    expect(all.table?.columns).toContain('Public IP')
    const webRow = all.table?.rows.find((r) => r[0] === instance.id)
    expect(webRow).toEqual(expect.arrayContaining(['web-01', 'running', 't3.micro', 'eu-west-1a', '203.0.113.10']))

    const prodRunning = await run(['ec2', 'ls'], [], { state: 'running', tag: 'Env=prod' })
    expect(prodRunning.table?.rows.map((r) => r[0])).toEqual([instance.id])
    expect(prodRunning.summary).toBe('1 instance')
    const sent = aws.requests.filter((r) => r.operation === 'DescribeInstances').at(-1)!
    expect(sent.body).toContain('Filter.2.Name=tag%3AEnv')
    expect(sent.accessKeyId).toBe(AWS_TEST_CREDENTIALS.accessKeyId)
  })

  it('shows one instance with AMI, network, groups per interface and tags', async () => {
    const { instance, web, ssh, db } = seedWebServer()
    const out = await run(['ec2', 'show'], [instance.id])
    const field = (label: string) => out.fields?.find((f) => f.label === label)?.value
    expect(out.title).toBe(`${instance.id} (web-01)`)
    expect(field('AMI')).toBe('ami-0abcdef1234567890')
    expect(field('VPC')).toBe('vpc-0a1b2c3d4e5f60718')
    expect(field('Public IP')).toBe('203.0.113.10')
    expect(field('Security groups')).toBe(`${web.id} (web), ${ssh.id} (ssh-admin)`)
    expect(field(`Interface ${instance.eniIds[1]} (eth1)`)).toBe(db.id)
    expect(field('Tag Env')).toBe('prod')
    expect(field('Launched')).toBe('2024-05-01T08:00:00.000Z')
  })

  it('shows the platform, the public DNS name and why a stopped instance stopped', async () => {
    const { instance } = seedWebServer()
    const stopped = aws.model.seedInstance({
      interfaces: [[]],
      state: 'stopped',
      platform: 'windows',
      tags: { Name: 'jump-01' },
      stateReason: { code: 'Client.UserInitiatedShutdown', message: 'Client.UserInitiatedShutdown: User initiated shutdown' },
      transitionReason: 'User initiated (2026-12-03 23:14:05 GMT)'
    })
    const field = async (id: string, label: string) => (await run(['ec2', 'show'], [id])).fields?.find((f) => f.label === label)?.value
    expect(await field(instance.id, 'Platform')).toBe('Linux/UNIX')
    expect(await field(instance.id, 'Public DNS')).toBe('ec2-203-0-113-10.eu-west-1.compute.amazonaws.com')
    expect(await field(instance.id, 'State')).toBe('running')
    expect(await field(stopped.id, 'Platform')).toBe('Windows')
    expect(await field(stopped.id, 'State')).toBe('stopped (Client.UserInitiatedShutdown: User initiated shutdown)')
    expect(await field(stopped.id, 'Public DNS')).toBeUndefined()
  })

  it('refuses malformed instance ids before calling AWS, and words a missing one', async () => {
    const bad = command('ec2', 'show').args.safeParse({ positional: ['i-xyz'], flags: {} })
    expect(bad.success).toBe(false)
    expect(bad.error?.issues[0]?.message).toMatch(/i- followed by 8 or 17 hex digits/)
    expect(command('ec2', 'cpu').args.safeParse({ positional: ['i-0123abcd'], flags: { hours: '100' } }).success).toBe(false)
    await expect(ec2.describeInstance('i-0123456789abcdef0')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/no instance i-0123456789abcdef0 in eu-west-1 \(InvalidInstanceID\.NotFound\)/)
    })
  })
})

describe('ec2 isolate and unisolate', () => {
  it('moves every interface into a closed quarantine group and restores the exact previous groups', async () => {
    const { instance, web, ssh, db } = seedWebServer()
    const [eth0, eth1] = instance.eniIds as [string, string]

    await expect(run(['ec2', 'isolate'], [instance.id], {}, false)).rejects.toMatchObject({ code: 'CONFIRM_REQUIRED' })
    const out = await run(['ec2', 'isolate'], [instance.id], {}, true)
    expect(out.title).toBe(`${instance.id} isolated`)
    expect(out.fields).toContainEqual({ label: `Previous groups of ${eth0}`, value: `${web.id}, ${ssh.id}` })
    expect(out.fields).toContainEqual({ label: `Previous groups of ${eth1}`, value: db.id })

    const quarantine = [...aws.model.securityGroups.values()].find((g) => g.name === 'virgil-quarantine')!
    expect(quarantine.vpcId).toBe(instance.vpcId)
    expect(quarantine.ingress).toEqual([])
    expect(quarantine.egress).toEqual([])
    expect(aws.model.enis.get(eth0)?.groupIds).toEqual([quarantine.id])
    expect(aws.model.enis.get(eth1)?.groupIds).toEqual([quarantine.id])
    expect(instance.tags[PREVIOUS_GROUPS_TAG]).toBe(`${eth0}:${web.id},${ssh.id};${eth1}:${db.id}`)

    const shown = await run(['ec2', 'show'], [instance.id])
    expect(shown.tone).toBe('danger')

    const back = await run(['ec2', 'unisolate'], [instance.id], {}, true)
    expect(back.fields).toContainEqual({ label: `Restored on ${eth0}`, value: `${web.id}, ${ssh.id}` })
    expect(aws.model.enis.get(eth0)?.groupIds).toEqual([web.id, ssh.id])
    expect(aws.model.enis.get(eth1)?.groupIds).toEqual([db.id])
    expect(instance.tags[PREVIOUS_GROUPS_TAG]).toBeUndefined()
    await expect(ec2.unisolateInstance(instance.id)).rejects.toMatchObject({ code: 'CONFLICT' })
  })

  it('is idempotent: a second isolate changes nothing and still reports the original groups', async () => {
    const { instance, web, ssh } = seedWebServer()
    const first = await ec2.isolateInstance(instance.id)
    const modifiesBefore = aws.requests.filter((r) => r.operation === 'ModifyNetworkInterfaceAttribute').length
    const creates = aws.requests.filter((r) => r.operation === 'CreateSecurityGroup').length

    const second = await ec2.isolateInstance(instance.id)
    expect(second.status).toBe('already isolated')
    expect(second.quarantineGroupId).toBe(first.quarantineGroupId)
    expect(second.previousGroups[instance.eniIds[0]!]).toEqual([web.id, ssh.id])
    expect(aws.requests.filter((r) => r.operation === 'ModifyNetworkInterfaceAttribute').length).toBe(modifiesBefore)
    expect(aws.requests.filter((r) => r.operation === 'CreateSecurityGroup').length).toBe(creates)
    expect(aws.requests.filter((r) => r.operation === 'CreateTags').length).toBe(1)
  })

  it('reuses an existing quarantine group and strips rules someone added to it', async () => {
    const existing = aws.model.seedSecurityGroup({
      name: 'virgil-quarantine',
      ingress: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrs: ['0.0.0.0/0'], ipv6Cidrs: [] }]
    })
    const { instance } = seedWebServer()
    const r = await ec2.isolateInstance(instance.id)
    expect(r.quarantineGroupId).toBe(existing.id)
    expect(existing.ingress).toEqual([])
    expect(existing.egress).toEqual([])
    expect(aws.requests.some((q) => q.operation === 'CreateSecurityGroup')).toBe(false)
  })

  it('finishes a half-done isolation without losing the first record', async () => {
    const { instance, web, ssh, db } = seedWebServer()
    const [eth0, eth1] = instance.eniIds as [string, string]
    // The tag and eth0 go through, then eth1's change fails on AWS's side (both attempts).
    aws.failNext({ service: 'ec2', operation: 'ModifyNetworkInterfaceAttribute', after: 1, times: 2, status: 500, code: 'InternalError', message: 'An internal error has occurred' })
    const error = await ec2.isolateInstance(instance.id).catch((e: Error) => e)
    expect(error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/AWS EC2 failed on its side \(500 InternalError\)/) })
    expect(aws.model.enis.get(eth1)?.groupIds).toEqual([db.id])
    expect(aws.model.enis.get(eth0)?.groupIds).toHaveLength(1)
    expect(instance.tags[PREVIOUS_GROUPS_TAG]).toBe(`${eth0}:${web.id},${ssh.id};${eth1}:${db.id}`)

    const r = await ec2.isolateInstance(instance.id)
    expect(r.status).toBe('isolated')
    expect(r.previousGroups).toEqual({ [instance.eniIds[0]!]: [web.id, ssh.id], [instance.eniIds[1]!]: [db.id] })
  })
})
