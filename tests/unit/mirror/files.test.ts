import { createHash } from 'node:crypto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Core } from '../../../src/main/app'
import { formatBytes, UPLOAD_CHUNK_BYTES } from '../../../src/shared/evidence'
import { startRig, type MirrorRig } from './rig'

let rig: MirrorRig | undefined
afterEach(async () => {
  await rig?.dispose()
  rig = undefined
})

const waitFor = (check: () => void | Promise<void>) => vi.waitFor(check, { timeout: 8000, interval: 25 })

/** The upload path the transports use: begin, base64 chunks, finish. */
async function upload(core: Core, incidentId: string, name: string, bytes: Buffer): Promise<void> {
  const actor = core.actor()
  const { uploadId } = await core.intake.begin({ incidentId, name, size: bytes.length }, actor)
  for (let index = 0, at = 0; at < bytes.length; index++, at += UPLOAD_CHUNK_BYTES) {
    await core.intake.chunk({ uploadId, index, data: bytes.subarray(at, at + UPLOAD_CHUNK_BYTES).toString('base64') }, actor)
  }
  await core.intake.finish({ uploadId }, actor)
}

const authLog = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => `Dec  7 08:${String(i % 60).padStart(2, '0')}:01 web-01 sshd[912]: Failed password for root from 203.0.113.7 port ${40000 + i}`).join('\n'))

describe('evidence files mirrored to Slack', () => {
  it('shares an uploaded file in the channel through the external upload flow, once, with who added it and its hash', async () => {
    rig = await startRig()
    const r = rig
    const incident = await r.open()
    const channel = await r.channelOf(incident.id)
    await r.drain()
    const bytes = authLog(20_000) // about 1.7 MB: several upload chunks
    await upload(r.core, incident.id, 'auth.log', bytes)
    await r.drain()

    const shared = r.slack.messages(channel).filter((m) => m.files?.length)
    expect(shared).toHaveLength(1)
    const [file] = shared[0]!.files!
    expect(file!.title).toBe('auth.log')
    expect(file!.name).toMatch(/^auth-[0-9a-f]{8}\.log$/)
    expect(file!.content).toBe(bytes.toString('utf8'))
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    expect(shared[0]!.text).toBe(`Ana added auth.log (${formatBytes(bytes.length)}, SHA-256 ${sha256})`)
    const methods = r.slack.requests().map((q) => q.method).filter((m) => m.startsWith('files.'))
    expect(methods).toEqual(['files.getUploadURLExternal', 'files.completeUploadExternal'])
  })

  it('retries through a 503 and does not share twice when the completion landed but its answer was lost', async () => {
    rig = await startRig()
    const r = rig
    const incident = await r.open()
    const channel = await r.channelOf(incident.id)
    await r.drain()
    const attempts = () => (r.core.db.prepare(`SELECT max(attempts) AS n FROM outbox WHERE kind = 'Slack.file'`).get() as { n: number | null }).n ?? 0

    r.slack.failNext({ method: 'files.getUploadURLExternal', status: 503 })
    await upload(r.core, incident.id, 'first.log', authLog(50))
    await waitFor(() => expect(attempts()).toBe(1))
    r.fastForward()
    await r.drain()

    r.slack.failNext({ method: 'files.completeUploadExternal', loseAnswer: true })
    await upload(r.core, incident.id, 'second.log', authLog(60))
    await waitFor(() => expect(attempts()).toBeGreaterThanOrEqual(1))
    await waitFor(() => expect(r.core.db.prepare(`SELECT attempts FROM outbox WHERE kind = 'Slack.file' AND status = 'pending'`).get()).toEqual({ attempts: 1 }))
    r.fastForward()
    await r.drain()

    const titles = r.slack
      .messages(channel)
      .flatMap((m) => m.files ?? [])
      .map((f) => f.title)
    expect(titles).toEqual(['first.log', 'second.log'])
    expect(r.slack.requests().filter((q) => q.method === 'files.completeUploadExternal' && q.status === 200)).toHaveLength(2)
    const pending = r.core.db.prepare(`SELECT count(*) AS n FROM outbox WHERE status != 'done'`).get() as { n: number }
    expect(pending.n).toBe(0)
  })
})
