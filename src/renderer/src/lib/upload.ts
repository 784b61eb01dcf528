import type { Message } from '../../../shared/domain'
import { UPLOAD_CHUNK_BYTES } from '../../../shared/evidence'
import type { Result } from '../../../shared/errors'
import { call } from '../api'

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/**
 * Sends one file through the contract in 384 KiB parts (512 KiB of base64 each), so the same path
 * works over Electron IPC and over serve mode's 1 MiB WebSocket frames. Reads one part at a time.
 */
export async function uploadFile(incidentId: string, file: Blob, name: string, onProgress: (sent: number) => void, asNote = false): Promise<Result<Message>> {
  const begun = await call('upload:begin', { incidentId, name, size: file.size, ...(asNote ? { asNote } : {}) })
  if (!begun.ok) return begun
  const { uploadId } = begun.value
  for (let offset = 0, index = 0; offset < file.size; offset += UPLOAD_CHUNK_BYTES, index++) {
    const part = new Uint8Array(await file.slice(offset, offset + UPLOAD_CHUNK_BYTES).arrayBuffer())
    const sent = await call('upload:chunk', { uploadId, index, data: toBase64(part) })
    if (!sent.ok) {
      void call('upload:abort', { uploadId })
      return sent
    }
    onProgress(sent.value.received)
  }
  return call('upload:finish', { uploadId })
}
