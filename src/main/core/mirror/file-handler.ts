import { formatBytes } from '../../../shared/evidence'
import { uploadFileName } from '../integrations/slack/deliver'
import { slackTsFromMs } from '../integrations/slack/slack-message'
import type { OutboxHandler } from '../outbox/outbox-worker'
import { linkedRoom, skipped, type EntryDeps } from './post-entry'
import { KIND } from './reactor'

/** Slack's clock and ours may disagree; a retry looks this far before its first try. */
const CLOCK_SKEW_MS = 120_000

export interface FileDeps extends EntryDeps {
  /** The stored bytes of a blob, or undefined when this workstation does not hold them. */
  readBlob(sha256: string): Promise<Uint8Array | undefined>
}

/**
 * An evidence file added in the room, shared to the incident's Slack channel as a file upload
 * (getUploadURLExternal, the bytes, completeUploadExternal), with who added it and its SHA-256.
 * The file name carries a digest of the outbox key, so a retry whose earlier try landed (its answer
 * lost) finds it in the channel and does not share it twice.
 */
export function fileHandler(deps: FileDeps): OutboxHandler {
  return {
    kind: KIND.file,
    service: 'Slack',
    describe: (item) => `Slack copy of the file ${String(item.payload.name ?? '')}`,
    async deliver(item) {
      const p = item.payload
      const room = linkedRoom(deps.store, item)
      if (room.archived) return skipped('channel archived')
      const sha256 = String(p.sha256)
      const bytes = await deps.readBlob(sha256)
      if (!bytes) return skipped('the bytes are not on this workstation')
      const gateway = deps.source.gateway()
      const filename = uploadFileName(String(p.name), item.key)
      const tried = deps.store.firstTry(item.key, Date.now())
      if (!tried.first) {
        const earlier = await gateway.history(room.channelId, slackTsFromMs(tried.at - CLOCK_SKEW_MS))
        if (earlier.some((m) => m.files?.some((f) => f.name === filename))) return { outcome: { channelId: room.channelId, filename, found: true } }
      }
      const comment = `${String(p.author)} added ${String(p.name)} (${formatBytes(bytes.length)}, SHA-256 ${sha256})`
      const { fileId } = await gateway.uploadBytes({ channel: room.channelId, filename, title: String(p.name), bytes, initialComment: comment })
      return { outcome: { channelId: room.channelId, filename, fileId } }
    }
  }
}
