import type { Core } from '../../../src/main/app'
import type { Message } from '../../../src/shared/domain'
import { UPLOAD_CHUNK_BYTES } from '../../../src/shared/evidence'
import type { Result } from '../../../src/shared/errors'

/** Sends a file through the contract as a client does: begin, 384 KiB base64 parts, finish. */
export async function upload(core: Core, incidentId: string, name: string, bytes: Uint8Array, size = bytes.length): Promise<Result<Message>> {
  const actor = core.actor()
  const begun = await core.dispatch('upload:begin', { incidentId, name, size }, actor)
  if (!begun.ok) return begun
  const { uploadId } = begun.value as { uploadId: string }
  for (let i = 0, index = 0; i < bytes.length; i += UPLOAD_CHUNK_BYTES, index++) {
    const data = Buffer.from(bytes.subarray(i, i + UPLOAD_CHUNK_BYTES)).toString('base64')
    const sent = await core.dispatch('upload:chunk', { uploadId, index, data }, actor)
    if (!sent.ok) return sent
  }
  return (await core.dispatch('upload:finish', { uploadId }, actor)) as Result<Message>
}

export async function mustUpload(core: Core, incidentId: string, name: string, bytes: Uint8Array): Promise<Message> {
  const r = await upload(core, incidentId, name, bytes)
  if (!r.ok) throw new Error(`upload of ${name} failed: ${r.error.message}`)
  return r.value
}
