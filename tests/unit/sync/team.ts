import { spawnSync } from 'node:child_process'
import type { Settings } from '../../../src/shared/settings'
import { connect, type NatsConnection } from 'nats'
import { afterEach } from 'vitest'
import type { UserRef } from '../../../src/shared/domain'
import { startNatsServer, type NatsServer } from '../../support/nats-server'
import { call, makeCore, type TestCore } from '../core/make-core'

export const hasNatsServer = spawnSync('nats-server', ['--version']).status === 0

export function syncSettings(servers: string, extra: Partial<Settings['sync']> = {}): Settings['sync'] {
  return { enabled: true, servers, stream: 'SOC_EVENTS', subjectPrefix: 'soc.events', restrictedPrefix: 'soc.restricted', user: '', groups: '', replicas: 1, ...extra }
}

/**
 * A real core replicating through the given servers; disposed by the caller's list. With a
 * password, it is stored as the sync.token secret first and sync is switched on in Settings.
 */
export async function workstation(cores: TestCore[], servers: string, extra: Partial<Settings['sync']> = {}, password?: string): Promise<TestCore> {
  const t = password ? makeCore() : makeCore({ settingsOverrides: { sync: syncSettings(servers, extra) } })
  cores.push(t)
  if (password) {
    await t.core.settings.setSecret('sync.token', password, t.core.actor())
    await t.core.settings.update({ sync: syncSettings(servers, extra) }, t.core.actor())
  }
  const sync = await until(() => t.core.sync.current(), 'sync to start')
  await sync.ready()
  await t.core.team.kv()?.ready()
  return t
}

export async function until<T>(fn: () => Promise<T | undefined | false> | T | undefined | false, what: string, ms = 10_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await fn()
    if (v) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

export const ANA: UserRef = { id: 'user:ana', name: 'Ana Alves' }
export const BO: UserRef = { id: 'user:bo', name: 'Bo Berg' }
export const LEE: UserRef = { id: 'user:lee', name: 'Lee Lund' }

/** The workstation's own person (Mo) leads; on its roster Ana is a viewer, Bo an analyst, Lee a lead. */
export async function seatTeam(t: TestCore): Promise<void> {
  await call(t.core, 'identity:set', { name: 'Mo Lead', handle: 'mo' })
  for (const [p, role] of [[ANA, 'viewer'], [BO, 'analyst'], [LEE, 'lead']] as const) {
    await call(t.core, 'roster:set', { id: p.id, name: p.name, handle: p.id.slice(5), role, groups: [] })
  }
}

/** Ends what a replication test started: its raw client, its workstations, then the server. */
export async function closeRig(raw: NatsConnection | undefined, cores: TestCore[], nats: NatsServer | undefined): Promise<void> {
  await raw?.close()
  for (const c of cores.splice(0)) await c.dispose()
  await nats?.dispose()
}

/** A replication test's server, raw client and workstations; all of them are ended after each test. */
export interface NatsRig {
  nats?: NatsServer
  raw?: NatsConnection
  cores: TestCore[]
  start(): Promise<NatsServer>
  connect(): Promise<NatsConnection>
}

export function natsRig(): NatsRig {
  const rig: NatsRig = {
    cores: [],
    start: async () => (rig.nats = await startNatsServer()),
    connect: async () => (rig.raw = await connect({ servers: rig.nats?.url }))
  }
  afterEach(async () => {
    await closeRig(rig.raw, rig.cores, rig.nats)
    rig.nats = rig.raw = undefined
  })
  return rig
}
