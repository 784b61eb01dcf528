import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { ERROR_CODES } from '../../../src/shared/errors'
import { frameId } from '../../../src/main/serve/frame-handler'
import { MAX_FRAME_BYTES } from '../../../src/shared/limits'
import { openPage, startWsRig, type Page, type WsRig } from '../serve/ws-rig'
import { FUZZ_SEED, frameArb, looksLikeStackTrace, type FuzzFrame } from './fuzz-arbitraries'

const RUNS = Number(process.env.VIRGIL_FUZZ_RUNS ?? 8_000)
const DEAD = 'http://127.0.0.1:9'
let rig: WsRig
let page: Page
let incidentId: string
const faults: unknown[] = []
const onFault = (e: unknown): void => void faults.push(e)

beforeAll(async () => {
  process.on('uncaughtException', onFault)
  process.on('unhandledRejection', onFault)
  // Every outside service points at a closed loopback port: a fuzzed command reaches nobody.
  rig = await startWsRig({
    settingsOverrides: { virustotal: { baseUrl: DEAD }, rdap: { baseUrl: DEAD }, servicenow: { baseUrl: DEAD }, slack: { apiUrl: DEAD }, aws: { endpoint: DEAD } }
  })
  page = await openPage(rig.url)
  const made = await page.ask('incident:create', { title: 'Fuzz room', source: 'email', leader: 'Ana', impact: 'low', urgency: 'low' })
  incidentId = (made.value as { id: string }).id
})
afterAll(async () => {
  page.ws.close()
  await rig.dispose()
  process.off('uncaughtException', onFault)
  process.off('unhandledRejection', onFault)
})

const within = <T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> => Promise.race([p, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms))])

describe('fuzzing every channel of the contract over the serve socket', () => {
  it(`answers ${RUNS} hostile frames, each with its id and in words, and keeps serving`, async () => {
    let cases = 0
    let crashes = 0
    await fc.assert(
      fc.asyncProperty(frameArb('INCIDENT_PLACEHOLDER'), async (f: FuzzFrame) => {
        cases++
        const text = f.kind === 'text' ? f.text : JSON.stringify(f.value).replaceAll('INCIDENT_PLACEHOLDER', incidentId)
        let expectedId: number
        try {
          expectedId = frameId(JSON.parse(text))
        } catch {
          expectedId = -1
        }
        if (Buffer.byteLength(text) > MAX_FRAME_BYTES) {
          // Too big for one frame: the socket must close with 1009, and a new page must be served.
          page.ws.send(text)
          expect((await page.closed).code).toBe(1009)
          page = await openPage(rig.url)
          return
        }
        page.ws.send(text)
        const answer = await within(page.next(), 10_000)
        if (answer === 'timeout') {
          crashes++
          throw new Error(`no answer to ${text.slice(0, 200)}`)
        }
        expect(answer.t).toBe('res')
        expect(answer.id).toBe(expectedId)
        expect(typeof answer.result.ok).toBe('boolean')
        if (!answer.result.ok) {
          expect(ERROR_CODES).toContain(answer.result.error?.code)
          expect(looksLikeStackTrace(answer.result.error?.message ?? '')).toBe(false)
        }
        if (cases % 250 === 0) expect(await page.ask('session:get', {})).toMatchObject({ ok: true })
      }),
      { seed: FUZZ_SEED, numRuns: RUNS, endOnFailure: true }
    )
    expect(Object.prototype).not.toHaveProperty('polluted')
    expect(await page.ask('session:get', {})).toMatchObject({ ok: true })
    crashes += faults.length
    console.log(`fuzz contract: seed ${FUZZ_SEED} / cases run: ${cases} / crashes: ${crashes}`)
    expect(crashes).toBe(0)
  }, 600_000)

  it('survives binary, invalid UTF-8 and 2 MiB frames and still answers a valid request', async () => {
    let cases = 0
    const raw = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 512 }).map((bytes) => ({ bytes: Buffer.from(bytes), binary: true })),
      fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => ({ bytes: Buffer.concat([Buffer.from('{"t":"req","id":1,"channel":"'), Buffer.from(bytes), Buffer.from([0xc3, 0x28])]), binary: false })),
      fc.integer({ min: 2 * 1024 * 1024, max: 2 * 1024 * 1024 + 4096 }).map((n) => ({ bytes: Buffer.alloc(n, 0x61), binary: false }))
    )
    await fc.assert(
      fc.asyncProperty(raw, async ({ bytes, binary }) => {
        cases++
        const p = await openPage(rig.url)
        p.ws.send(bytes, { binary })
        const outcome = await within(Promise.race([p.next().then((a) => ({ answer: a })), p.closed.then((c) => ({ closed: c.code }))]), 10_000)
        expect(outcome).not.toBe('timeout')
        if (outcome !== 'timeout' && 'closed' in outcome) expect([1007, 1009]).toContain(outcome.closed)
        if (outcome !== 'timeout' && 'answer' in outcome) expect(looksLikeStackTrace(outcome.answer.result.error?.message ?? '')).toBe(false)
        p.ws.terminate()
      }),
      { seed: FUZZ_SEED, numRuns: 60 }
    )
    expect(await page.ask('session:get', {})).toMatchObject({ ok: true })
    console.log(`fuzz transport: seed ${FUZZ_SEED} / cases run: ${cases} / crashes: ${faults.length}`)
    expect(faults).toEqual([])
  }, 300_000)
})
