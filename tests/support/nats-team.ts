import { afterEach } from 'vitest'
import { startNatsServer, type NatsServer } from './nats-server'
import type { TestCore } from '../unit/core/make-core'
import { workstation } from '../unit/sync/team'

export interface NatsTeam {
  /** A real nats-server for this test, stopped after it. */
  startNats(): Promise<NatsServer>
  /** A workstation replicating through it (see tests/unit/sync/team.ts), disposed after the test. */
  join(nats: NatsServer): Promise<TestCore>
}

/** Workstations of one team on a real nats-server, all closed after each test. */
export function useNatsTeam(): NatsTeam {
  let nats: NatsServer | undefined
  const cores: TestCore[] = []
  afterEach(async () => {
    for (const c of cores.splice(0)) await c.dispose()
    await nats?.dispose()
    nats = undefined
  })
  return {
    startNats: async () => (nats = await startNatsServer()),
    join: (server) => workstation(cores, server.url)
  }
}
