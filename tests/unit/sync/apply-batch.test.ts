import type { JsMsg } from 'nats'
import { afterEach, describe, expect, it } from 'vitest'
import type { Incident } from '../../../src/shared/domain'
import { GENESIS, type LogEvent } from '../../../src/main/core/log/event'
import { applyBatch } from '../../../src/main/core/sync/apply-batch'
import { SubjectRouter } from '../../../src/main/core/sync/subjects'
import { teamKey, toWire } from '../../../src/main/core/sync/wire'
import { call, incidentInput, makeCore, type TestCore } from '../core/make-core'

let t: TestCore | undefined
let router: SubjectRouter | undefined
afterEach(async () => {
  router?.close()
  await t?.dispose()
  t = undefined
})

describe('a burst from the wire with one event that cannot be applied', () => {
  it('is applied again around it: the others acked, that one quarantined and terminated', async () => {
    t = makeCore()
    const inc = await call<Incident>(t.core, 'incident:create', incidentInput)
    const key = teamKey(undefined)
    let prevHash = GENESIS
    const events: LogEvent[] = ['a', 'x', 'b'].map((text, i) => {
      const hash = String(i + 1).repeat(64)
      const e: LogEvent = { id: `01WIRE${String(i).padStart(20, '0')}`, origin: 'wsremote', hlc: `${Date.now()}-000${i}-wsremote`, type: 'message.posted', incidentId: inc.id, actor: { id: 'analyst:bo', name: 'Bo' }, payload: { text, via: 'app' }, prevHash, hash }
      prevHash = hash
      return e
    })
    t.core.db.exec(`CREATE TRIGGER refuse_line BEFORE INSERT ON messages WHEN NEW.text = 'x' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`)
    const said: string[] = []
    const delivered = (e: LogEvent) =>
      ({ subject: `soc.events.${inc.id}`, data: Buffer.from(JSON.stringify(toWire(key, e))), ack: () => said.push(`ack ${e.payload.text}`), term: () => said.push(`term ${e.payload.text}`), nak: () => said.push(`nak ${e.payload.text}`) }) as unknown as JsMsg
    router = new SubjectRouter(t.core.db, t.core.log, { stream: 'SOC_EVENTS', subjectPrefix: 'soc.events', restrictedPrefix: 'soc.restricted' })
    const result = applyBatch({ db: t.core.db, log: t.core.log, router, key, now: Date.now }, events.map(delivered))
    expect(result).toEqual({ applied: 2, quarantined: 1, moved: new Set([inc.id]) })
    expect(said).toEqual(['ack a', 'term x', 'ack b'])
    const lines = t.core.db.prepare(`SELECT text FROM messages WHERE incident_id = ? AND kind = 'chat' ORDER BY seq`).pluck().all(inc.id)
    expect(lines).toEqual(['a', 'b'])
  })
})
