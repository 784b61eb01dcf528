import { afterEach, describe, expect, it } from 'vitest'
import { MAX_FRAME_BYTES } from '../../../src/shared/limits'
import { openPage, startWsRig, type WsRig } from './ws-rig'

let rig: WsRig
afterEach(async () => {
  await rig.dispose()
})

describe('serve transport faults never end the process', () => {
  it('closes an oversized frame with 1009 and keeps answering everyone else', async () => {
    rig = await startWsRig()
    const bystander = await openPage(rig.url)
    const page = await openPage(rig.url)
    page.ws.send('x'.repeat(MAX_FRAME_BYTES + 1))
    expect((await page.closed).code).toBe(1009)
    expect(await bystander.ask('session:get', {})).toMatchObject({ ok: true })
    const again = await openPage(rig.url)
    expect(await again.ask('session:get', {})).toMatchObject({ ok: true })
    bystander.ws.close()
    again.ws.close()
  })

  it('closes a text frame with invalid UTF-8 with 1007', async () => {
    rig = await startWsRig()
    const page = await openPage(rig.url)
    page.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false })
    expect((await page.closed).code).toBe(1007)
    const again = await openPage(rig.url)
    expect(await again.ask('session:get', {})).toMatchObject({ ok: true })
    again.ws.close()
  })

  it('answers a broken frame that names an id with that id, and an unreadable one with -1', async () => {
    rig = await startWsRig()
    const page = await openPage(rig.url)
    page.ws.send(JSON.stringify({ t: 'req', id: 41, channel: 7 }))
    const named = await page.next()
    expect(named).toMatchObject({ id: 41, result: { ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/^Malformed request frame: channel/) } } })
    page.ws.send('{"t":"req","id":')
    expect(await page.next()).toMatchObject({ id: -1, result: { ok: false, error: { code: 'BAD_INPUT' } } })
    page.ws.send(Buffer.from([1, 2, 3]), { binary: true })
    expect(await page.next()).toMatchObject({ id: -1, result: { ok: false, error: { message: expect.stringMatching(/text frames only/) } } })
    page.ws.send(JSON.stringify({ t: 'req', id: 42, channel: 'no:such', input: {} }))
    expect(await page.next()).toMatchObject({ id: 42, result: { ok: false, error: { message: 'Unknown request "no:such".' } } })
    expect(await page.ask('session:get', {})).toMatchObject({ ok: true })
    page.ws.close()
  })

  it('refuses a chat line over the line limit in words', async () => {
    rig = await startWsRig()
    const page = await openPage(rig.url)
    const made = await page.ask('incident:create', { title: 'Big paste', source: 'email', leader: 'Ana', impact: 'low', urgency: 'low' })
    const incidentId = (made.value as { id: string }).id
    const r = await page.ask('chat:send', { incidentId, text: 'é'.repeat(60_000) })
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: 'text: is longer than 100 KB; attach it as a file instead' } })
    page.ws.close()
  })
})
