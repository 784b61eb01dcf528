import { createHash } from 'node:crypto'
import type { RenderedForSlack } from './blocks'
import type { SlackGateway, SlackPost } from './gateway'
import { virgilKeyOf } from './slack-message'

export interface DeliverRequest {
  channel: string
  rendered: RenderedForSlack
  idempotencyKey: string
  threadTs?: string
  asUser?: SlackPost['asUser']
  /**
   * Set on a retry: the Slack ts just before the first try. Parts already in the channel since then
   * (found by their metadata key or file name) are not posted again.
   */
  retrySinceTs?: string
}

export interface DeliverResult {
  /** The ts of every message of this entry, in order, whether posted now or found from an earlier try. */
  ts: string[]
  uploaded: boolean
}

/** Each message of a multi-part entry gets its own key, so a retry resumes where the last try stopped. */
export function partKey(key: string, index: number, count: number): string {
  return count === 1 ? key : `${key}#${index + 1}`
}

/** A file name unique to the entry, so a retry can recognise its own earlier upload. */
export function uploadFileName(filename: string, key: string): string {
  const digest = createHash('sha256').update(key).digest('hex').slice(0, 8)
  const dot = filename.lastIndexOf('.')
  return dot > 0 ? `${filename.slice(0, dot)}-${digest}${filename.slice(dot)}` : `${filename}-${digest}`
}

/** Posts a rendered entry (several messages and maybe a file) so that retries never duplicate a part. */
export async function deliverRendered(gateway: SlackGateway, request: DeliverRequest): Promise<DeliverResult> {
  const { channel, rendered, idempotencyKey, threadTs } = request
  const earlier = request.retrySinceTs ? await gateway.history(channel, request.retrySinceTs, threadTs) : []
  const landed = new Map<string, string>()
  for (const message of earlier) {
    const key = virgilKeyOf(message)
    if (key) landed.set(key, message.ts)
  }
  const ts: string[] = []
  const count = rendered.messages.length
  for (const [index, message] of rendered.messages.entries()) {
    const key = partKey(idempotencyKey, index, count)
    const already = landed.get(key)
    if (already) {
      ts.push(already)
      continue
    }
    const posted = await gateway.post({
      channel,
      text: message.text,
      blocks: message.blocks,
      idempotencyKey: key,
      ...(threadTs ? { threadTs } : {}),
      ...(request.asUser ? { asUser: request.asUser } : {})
    })
    ts.push(posted.ts)
  }
  if (!rendered.upload) return { ts, uploaded: false }
  const filename = uploadFileName(rendered.upload.filename, idempotencyKey)
  const uploadedBefore = earlier.some((message) => message.files?.some((file) => file.name === filename) ?? false)
  if (!uploadedBefore) {
    await gateway.uploadText({ channel, filename, title: rendered.upload.title, content: rendered.upload.content, ...(threadTs ? { threadTs } : {}) })
  }
  return { ts, uploaded: true }
}
