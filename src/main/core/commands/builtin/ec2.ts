import { z } from 'zod'
import type { CommandOutput, OutputField } from '../../../../shared/command-output'
import { VirgilError } from '../../../../shared/errors'
import type { CpuPoint } from '../../integrations/aws/cloudwatch'
import type { InstanceDetails } from '../../integrations/aws/ec2'
import { PREVIOUS_GROUPS_TAG, parseGroupRecord, type GroupRecord } from '../../integrations/aws/ec2-isolate'
import type { Ec2Service } from '../../integrations/aws/ec2-service'
import { noFlags } from '../args'
import type { CommandSpec } from '../types'

const INSTANCE_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/
const SPARK = '▁▂▃▄▅▆▇█'
const SPARK_WIDTH = 72
const TABLE_ROWS = 24
const STATES = ['pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated'] as const

const instanceId = z
  .string()
  .transform((s) => s.trim().toLowerCase())
  .refine((s) => INSTANCE_ID.test(s), { message: 'An instance id is i- followed by 8 or 17 hex digits, e.g. i-0abc1234def567890' })

const oneInstance = <F extends z.ZodType>(extraFlags: F) =>
  z.object({
    positional: z
      .array(z.string())
      .min(1, 'Missing the instance id, e.g. i-0abc1234def567890')
      .max(1, 'One instance id at a time')
      .transform((p) => p[0] as string)
      .pipe(instanceId),
    flags: extraFlags
  })

const tagFilter = z
  .string()
  .transform((s, ctx) => {
    const tags: Record<string, string> = {}
    for (const pair of s.split(',')) {
      const eq = pair.indexOf('=')
      if (eq <= 0) {
        ctx.addIssue({ code: 'custom', message: `--tag takes key=value (several joined by commas), not '${pair}'` })
        return z.NEVER
      }
      tags[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim()
    }
    return tags
  })

const lsArgs = z.object({
  positional: z.array(z.string()).max(0, 'ec2 ls takes no words, only --region, --state and --tag'),
  flags: z.strictObject(
    {
      region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, '--region must be an AWS region such as eu-west-1').optional(),
      state: z.enum(STATES, { message: `--state is one of ${STATES.join(', ')}` }).optional(),
      tag: tagFilter.optional()
    },
    { message: 'ec2 ls knows only --region, --state and --tag' }
  )
})

const cpuArgs = oneInstance(
  z.strictObject(
    {
      hours: z.coerce
        .number({ message: '--hours must be a number' })
        .int('--hours must be a whole number')
        .min(1, '--hours is at least 1')
        .max(72, '--hours is at most 72')
        .default(3)
    },
    { message: 'ec2 cpu knows only --hours' }
  )
)

const dash = (v: string | undefined) => v || '—'
const formatGroups = (record: GroupRecord) =>
  Object.entries(record).map(([eni, groups]) => ({ label: `Previous groups of ${eni}`, value: groups.join(', ') || '(none)' }))

function instanceFields(i: InstanceDetails): OutputField[] {
  const fields: OutputField[] = [
    { label: 'State', value: i.stateReason ? `${i.state} (${i.stateReason})` : i.state, tone: i.state === 'running' ? 'ok' : 'warn' },
    { label: 'Type', value: i.type },
    { label: 'Platform', value: dash(i.platform) },
    { label: 'AMI', value: dash(i.imageId) },
    { label: 'VPC', value: dash(i.vpcId) },
    { label: 'Subnet', value: dash(i.subnetId) },
    { label: 'Availability zone', value: dash(i.availabilityZone) },
    { label: 'Private IP', value: dash(i.privateIp) },
    { label: 'Public IP', value: dash(i.publicIp), ...(i.publicIp ? { tone: 'warn' as const } : {}) },
    ...(i.publicDns ? [{ label: 'Public DNS', value: i.publicDns }] : []),
    { label: 'Security groups', value: i.securityGroups.map((g) => `${g.id} (${g.name})`).join(', ') || '—' },
    { label: 'Launched', value: dash(i.launchTime) }
  ]
  for (const n of i.networkInterfaces) fields.push({ label: `Interface ${n.id} (eth${n.deviceIndex})`, value: n.groupIds.join(', ') || '(no groups)' })
  const isolation = parseGroupRecord(i.tags[PREVIOUS_GROUPS_TAG])
  if (isolation) fields.push({ label: 'Isolation', value: 'isolated by Virgil; ec2 unisolate restores the previous groups', tone: 'danger' })
  for (const [key, value] of Object.entries(i.tags)) if (key !== PREVIOUS_GROUPS_TAG) fields.push({ label: `Tag ${key}`, value })
  return fields
}

/** Fixed 0–100 % scale so two sparklines compare at a glance. */
export function sparkline(values: number[], width = SPARK_WIDTH): string {
  if (values.length === 0) return ''
  const size = Math.ceil(values.length / width)
  const buckets: number[] = []
  for (let i = 0; i < values.length; i += size) buckets.push(Math.max(...values.slice(i, i + size)))
  return buckets.map((v) => SPARK[Math.min(SPARK.length - 1, Math.max(0, Math.floor((v / 100) * SPARK.length)))]).join('')
}

function cpuOutput(id: string, hours: number, points: CpuPoint[]): CommandOutput {
  if (points.length === 0) {
    return { title: `CPU of ${id}, last ${hours} h`, summary: 'CloudWatch has no CPU datapoints for this instance in that window (stopped, or just launched?).', tone: 'info' }
  }
  const peak = points.reduce((a, b) => (b.maximum > a.maximum ? b : a))
  const mean = points.reduce((s, p) => s + p.average, 0) / points.length
  const size = Math.ceil(points.length / TABLE_ROWS)
  const rows: string[][] = []
  for (let i = 0; i < points.length; i += size) {
    const slice = points.slice(i, i + size)
    const avg = slice.reduce((s, p) => s + p.average, 0) / slice.length
    rows.push([slice[0]!.time.slice(11, 16), avg.toFixed(1), Math.max(...slice.map((p) => p.maximum)).toFixed(1)])
  }
  return {
    title: `CPU of ${id}, last ${hours} h`,
    summary: `average ${mean.toFixed(1)} %, peak ${peak.maximum.toFixed(1)} % at ${peak.time.slice(11, 16)} UTC`,
    tone: peak.maximum >= 90 ? 'danger' : peak.maximum >= 70 ? 'warn' : 'ok',
    table: { columns: [`UTC (${size * 5} min)`, 'avg %', 'max %'], rows },
    text: `max ${sparkline(points.map((p) => p.maximum))} 0–100 %`,
    raw: points
  }
}

function requireConfirmed(confirmed: boolean, what: string) {
  if (!confirmed) throw new VirgilError('CONFIRM_REQUIRED', `${what} changes the instance's network; confirm to run it.`)
}

/** ec2 ls / show / cpu / isolate / unisolate; `getEc2(region)` gives the service for a region (the settings' one by default). */
export function ec2Commands(getEc2: (region?: string) => Ec2Service): CommandSpec[] {
  const ls: CommandSpec<z.infer<typeof lsArgs>> = {
    path: ['ec2', 'ls'],
    usage: 'ec2 ls [--region r] [--state s] [--tag key=value]',
    summary: 'List EC2 instances with their state, type, zone and addresses.',
    examples: ['ec2 ls', 'ec2 ls --state running --tag Env=prod', 'ec2 ls --region us-east-1'],
    danger: 'safe',
    args: lsArgs,
    async run({ flags }, ctx) {
      const ec2 = getEc2(flags.region)
      const list = await ec2.listInstances({ ...(flags.state ? { state: flags.state } : {}), ...(flags.tag ? { tags: flags.tag } : {}) }, ctx.signal)
      return {
        title: `EC2 instances in ${ec2.region}`,
        summary: list.length === 0 ? 'No instance matches.' : `${list.length} instance${list.length === 1 ? '' : 's'}`,
        tone: 'info',
        table: {
          columns: ['Instance', 'Name', 'State', 'Type', 'Zone', 'Private IP', 'Public IP', 'Launched'],
          rows: list.map((i) => [i.id, dash(i.name), i.state, i.type, dash(i.availabilityZone), dash(i.privateIp), dash(i.publicIp), dash(i.launchTime?.slice(0, 16))])
        },
        raw: list
      }
    }
  }
  const showArgs = oneInstance(noFlags)
  const show: CommandSpec<z.infer<typeof showArgs>> = {
    path: ['ec2', 'show'],
    usage: 'ec2 show <instance-id>',
    summary: 'One instance in detail: network, security groups per interface, tags, isolation.',
    examples: ['ec2 show i-0abc1234def567890'],
    danger: 'safe',
    args: showArgs,
    async run({ positional: id }, ctx) {
      const i = await getEc2().describeInstance(id, ctx.signal)
      return { title: `${i.id}${i.name ? ` (${i.name})` : ''}`, tone: i.tags[PREVIOUS_GROUPS_TAG] ? 'danger' : 'info', fields: instanceFields(i), raw: i }
    }
  }
  const cpu: CommandSpec<z.infer<typeof cpuArgs>> = {
    path: ['ec2', 'cpu'],
    usage: 'ec2 cpu <instance-id> [--hours n]',
    summary: 'CPU utilisation from CloudWatch, five-minute average and maximum (1 to 72 hours, default 3).',
    examples: ['ec2 cpu i-0abc1234def567890', 'ec2 cpu i-0abc1234def567890 --hours 24'],
    danger: 'safe',
    args: cpuArgs,
    async run({ positional: id, flags }, ctx) {
      return cpuOutput(id, flags.hours, await getEc2().cpuSeries(id, flags.hours, ctx.signal))
    }
  }
  const isolateArgs = oneInstance(noFlags)
  const isolate: CommandSpec<z.infer<typeof isolateArgs>> = {
    path: ['ec2', 'isolate'],
    usage: 'ec2 isolate <instance-id>',
    summary: 'Cut the instance off the network: every interface moves to the virgil-quarantine group (no inbound, no outbound).',
    examples: ['ec2 isolate i-0abc1234def567890'],
    danger: 'dangerous',
    args: isolateArgs,
    async run({ positional: id }, ctx) {
      requireConfirmed(ctx.confirmed, 'ec2 isolate')
      const r = await getEc2().isolateInstance(id, {}, ctx.signal)
      const already = r.status === 'already isolated'
      return {
        title: already ? `${id} was already isolated` : `${id} isolated`,
        summary: `All interfaces are in ${r.quarantineGroupId} only. ec2 unisolate ${id} puts the previous groups back.`,
        tone: already ? 'info' : 'danger',
        fields: [{ label: 'Quarantine group', value: r.quarantineGroupId }, ...formatGroups(r.previousGroups)],
        raw: r
      }
    }
  }
  const unisolateArgs = oneInstance(noFlags)
  const unisolate: CommandSpec<z.infer<typeof unisolateArgs>> = {
    path: ['ec2', 'unisolate'],
    usage: 'ec2 unisolate <instance-id>',
    summary: 'Undo ec2 isolate: restore the security groups each interface had before.',
    examples: ['ec2 unisolate i-0abc1234def567890'],
    danger: 'dangerous',
    args: unisolateArgs,
    async run({ positional: id }, ctx) {
      requireConfirmed(ctx.confirmed, 'ec2 unisolate')
      const r = await getEc2().unisolateInstance(id, ctx.signal)
      const fields: OutputField[] = Object.entries(r.restoredGroups).map(([eni, groups]) => ({ label: `Restored on ${eni}`, value: groups.join(', ') }))
      if (r.skippedInterfaces.length) fields.push({ label: 'No longer attached', value: r.skippedInterfaces.join(', '), tone: 'warn' })
      return { title: `${id} back on its previous security groups`, tone: 'ok', fields, raw: r }
    }
  }
  return [ls, show, cpu, isolate, unisolate] as CommandSpec[]
}
