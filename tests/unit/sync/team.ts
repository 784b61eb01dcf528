import { spawnSync } from 'node:child_process'
import type { Settings } from '../../../src/shared/settings'
import { makeCore, type TestCore } from '../core/make-core'

export const hasNatsServer = spawnSync('nats-server', ['--version']).status === 0

export function syncSettings(servers: string, extra: Partial<Settings['sync']> = {}): Settings['sync'] {
  return { enabled: true, servers, stream: 'SOC_EVENTS', subjectPrefix: 'soc.events', restrictedPrefix: 'soc.restricted', user: '', groups: '', replicas: 1, ...extra }
}

/** A real core replicating through the given servers; disposed by the caller's list. */
export async function workstation(cores: TestCore[], servers: string, extra: Partial<Settings['sync']> = {}, wait = true): Promise<TestCore> {
  const t = makeCore({ settingsOverrides: { sync: syncSettings(servers, extra) } })
  cores.push(t)
  if (wait) await t.core.sync.current()?.ready()
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
