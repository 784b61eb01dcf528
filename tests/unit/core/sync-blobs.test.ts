import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Incident } from '../../../src/shared/domain'
import { useNatsTeam } from '../../support/nats-team'
import { call, incidentInput } from './make-core'
import { hasNatsServer, until } from '../sync/team'

const team = useNatsTeam()

describe.skipIf(!hasNatsServer)('evidence bytes between workstations (JetStream object store, real nats-server)', () => {
  it('fetches a blob the replica lacks from the team bucket on demand, checked against its SHA-256', async () => {
    const nats = await team.startNats()
    const a = await team.join(nats)
    const b = await team.join(nats)
    const inc = await call<Incident>(a.core, 'incident:create', incidentInput)
    const bytes = Buffer.from(Array.from({ length: 4000 }, (_, i) => `08:${i % 60} proxy GET hxxp://login-micros0ft[.]example/${i} 203.0.113.7`).join('\n'))
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    await a.core.intake.addBytes(inc.id, 'proxy.log', bytes, a.core.actor())
    const blobDone = () => (a.core.db.prepare(`SELECT status FROM outbox WHERE kind = 'NATS.blob'`).get() as { status: string } | undefined)?.status === 'done'
    await until(blobDone, 'A to put the blob in the bucket')

    // B has the card (its hashes) from the replicated event, but not the bytes.
    await until(() => b.core.db.prepare('SELECT 1 FROM evidence WHERE incident_id = ?').get(inc.id) !== undefined, 'B to see the evidence card')
    expect(b.core.intake.store.has(sha256)).toBe(false)
    expect(await b.core.intake.readLocal(sha256)).toBeUndefined()

    // Asked for it, B fetches it once and keeps it.
    const fetched = await b.core.intake.readBlob(sha256)
    expect(Buffer.from(fetched!).equals(bytes)).toBe(true)
    expect(b.core.intake.store.has(sha256)).toBe(true)
    // B put nothing back: only the writer shares its blobs.
    expect(b.core.db.prepare(`SELECT count(*) AS n FROM outbox WHERE kind = 'NATS.blob'`).get()).toEqual({ n: 0 })
    // A blob nobody shared is not found.
    expect(await b.core.intake.readBlob('0'.repeat(64))).toBeUndefined()
  })
})
